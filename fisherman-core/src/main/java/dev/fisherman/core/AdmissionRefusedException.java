package dev.fisherman.core;

import java.util.Locale;
import java.util.Objects;

/**
 * A session was refused because it does not fit in one of the engine's budgets. Nothing of it was
 * admitted; the same event may be offered again once running sessions have ended.
 */
public final class AdmissionRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The budget a session did not fit in. */
  public enum Budget {
    /** {@code params.limits.max_active_sessions}. */
    ACTIVE_SESSIONS("sessions"),
    /** {@code params.limits.max_probe_rate}, in probes per second. */
    PROBE_RATE("probes/s"),
    /** {@code params.limits.max_connections}. */
    CONNECTIONS("connections");

    private final String unit;

    Budget(String unit) {
      this.unit = unit;
    }

    /** The name used in the API, metrics and logs, e.g. {@code probe_rate}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** What the figures count. */
    public String unit() {
      return unit;
    }
  }

  private final String sessionId;
  private final Budget budget;
  private final double demand;
  private final double inUse;
  private final double limit;

  /**
   * @param demand what the refused session would take
   * @param inUse what the running sessions hold
   * @param limit the budget
   */
  public AdmissionRefusedException(
      String sessionId, Budget budget, double demand, double inUse, double limit) {
    super(
        "session "
            + sessionId
            + " refused: "
            + budget.wireName()
            + " budget: it needs "
            + figure(demand)
            + " "
            + budget.unit()
            + ", "
            + figure(inUse)
            + " of "
            + figure(limit)
            + " are in use (expected: a session that fits in what is left, "
            + figure(Math.max(0, limit - inUse))
            + ")");
    this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.demand = demand;
    this.inUse = inUse;
    this.limit = limit;
  }

  static String figure(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.1f", v);
  }

  public String sessionId() {
    return sessionId;
  }

  public Budget budget() {
    return budget;
  }

  public double demand() {
    return demand;
  }

  public double inUse() {
    return inUse;
  }

  public double limit() {
    return limit;
  }
}
