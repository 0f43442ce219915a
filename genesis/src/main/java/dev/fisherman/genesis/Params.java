package dev.fisherman.genesis;

import java.util.Objects;

/** The {@code params} object of a genesis file. */
public record Params(SessionParams session, QosParams qos, LimitsParams limits) {
  public Params {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(limits, "limits");
  }

  /** Params with the default {@code limits}. */
  public Params(SessionParams session, QosParams qos) {
    this(session, qos, LimitsParams.DEFAULTS);
  }
}
