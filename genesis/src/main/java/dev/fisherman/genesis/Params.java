package dev.fisherman.genesis;

import java.util.Objects;

/** The {@code params} object of a genesis file. */
public record Params(SessionParams session, QosParams qos) {
  public Params {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(qos, "qos");
  }
}
