package dev.fisherman.genesis;

import java.util.Objects;

/** The {@code params} object of a genesis file. */
public record Params(
    SessionParams session, QosParams qos, CheckParams checks, SelfCheckParams selfCheck) {
  public Params {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(checks, "checks");
    Objects.requireNonNull(selfCheck, "selfCheck");
  }

  /** Session and sampling parameters with the default checks and self-check. */
  public Params(SessionParams session, QosParams qos) {
    this(session, qos, CheckParams.DEFAULTS, SelfCheckParams.defaults(qos));
  }
}
