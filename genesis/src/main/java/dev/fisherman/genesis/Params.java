package dev.fisherman.genesis;

import java.util.Objects;

/** The {@code params} object of a genesis file. */
public record Params(
    SessionParams session,
    QosParams qos,
    CheckParams checks,
    SelfCheckParams selfCheck,
    LimitsParams limits,
    ReputationParams reputation) {
  public Params {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(checks, "checks");
    Objects.requireNonNull(selfCheck, "selfCheck");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(reputation, "reputation");
  }

  /** Session and sampling parameters with every other section at its defaults. */
  public Params(SessionParams session, QosParams qos) {
    this(session, qos, CheckParams.DEFAULTS, SelfCheckParams.defaults(qos), LimitsParams.DEFAULTS);
  }

  /** Params with the given {@code limits} and the other sections at their defaults. */
  public Params(SessionParams session, QosParams qos, LimitsParams limits) {
    this(session, qos, CheckParams.DEFAULTS, SelfCheckParams.defaults(qos), limits);
  }

  /** Params with the given checks and the default limits and reputation. */
  public Params(
      SessionParams session, QosParams qos, CheckParams checks, SelfCheckParams selfCheck) {
    this(session, qos, checks, selfCheck, LimitsParams.DEFAULTS);
  }

  /** Params with the given checks and limits and the default reputation. */
  public Params(
      SessionParams session,
      QosParams qos,
      CheckParams checks,
      SelfCheckParams selfCheck,
      LimitsParams limits) {
    this(session, qos, checks, selfCheck, limits, ReputationParams.DEFAULTS);
  }

  /** Params with the given checks and reputation and the default limits. */
  public Params(
      SessionParams session,
      QosParams qos,
      CheckParams checks,
      SelfCheckParams selfCheck,
      ReputationParams reputation) {
    this(session, qos, checks, selfCheck, LimitsParams.DEFAULTS, reputation);
  }
}
