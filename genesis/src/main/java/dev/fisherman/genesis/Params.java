package dev.fisherman.genesis;

import java.util.Objects;

/** The {@code params} object of a genesis file. */
public record Params(
    SessionParams session,
    QosParams qos,
    CheckParams checks,
    SelfCheckParams selfCheck,
    LimitsParams limits) {
  public Params {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(checks, "checks");
    Objects.requireNonNull(selfCheck, "selfCheck");
    Objects.requireNonNull(limits, "limits");
  }

  /** Session and sampling parameters with the default checks, self-check and limits. */
  public Params(SessionParams session, QosParams qos) {
    this(session, qos, CheckParams.DEFAULTS, SelfCheckParams.defaults(qos), LimitsParams.DEFAULTS);
  }

  /** Params with the given {@code limits} and the default checks and self-check. */
  public Params(SessionParams session, QosParams qos, LimitsParams limits) {
    this(session, qos, CheckParams.DEFAULTS, SelfCheckParams.defaults(qos), limits);
  }

  /** Params with the given checks and the default {@code limits}. */
  public Params(
      SessionParams session, QosParams qos, CheckParams checks, SelfCheckParams selfCheck) {
    this(session, qos, checks, selfCheck, LimitsParams.DEFAULTS);
  }
}
