package dev.fisherman.daemon.api;

import java.util.Objects;

/**
 * The body of a {@code 429} from {@code POST /v1/sessions}: the session does not fit in one of the
 * admission budgets of genesis {@code params.limits}.
 *
 * @param error the whole explanation, as a sentence
 * @param budget {@code active_sessions}, {@code probe_rate} or {@code connections}
 * @param needed what the session would take of it
 * @param inUse what running sessions hold
 * @param limit the budget
 */
public record OverBudget(String error, String budget, long needed, long inUse, long limit) {
  public OverBudget {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(budget, "budget");
  }
}
