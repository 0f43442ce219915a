package dev.fisherman.genesis;

import java.util.Objects;

/** The {@code params} object of a genesis file. */
public record Params(
    SessionParams session,
    QosParams qos,
    CheckParams checks,
    SelfCheckParams selfCheck,
    ReputationParams reputation) {
  /** Session, sampling, checks and self-check with the default reputation. */
  public Params(
      SessionParams session, QosParams qos, CheckParams checks, SelfCheckParams selfCheck) {
    this(session, qos, checks, selfCheck, ReputationParams.DEFAULTS);
  }

  public Params {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(checks, "checks");
    Objects.requireNonNull(selfCheck, "selfCheck");
    Objects.requireNonNull(reputation, "reputation");
  }

  /** Session and sampling parameters with the default checks, self-check and reputation. */
  public Params(SessionParams session, QosParams qos) {
    this(
        session,
        qos,
        CheckParams.DEFAULTS,
        SelfCheckParams.defaults(qos),
        ReputationParams.DEFAULTS);
  }
}
