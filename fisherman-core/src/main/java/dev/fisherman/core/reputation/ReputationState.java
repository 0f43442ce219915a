package dev.fisherman.core.reputation;

import java.util.Locale;

/** Where a servicer stands: only {@link #OK} servicers are ever selected. */
public enum ReputationState {
  /** Fewer than {@code min_samples} judged probes seen so far. */
  NEW,
  /** Selectable. */
  OK,
  /** Punished until its timeout ends; still probed. */
  TIMEOUT,
  /** The timeout ended; selectable again after {@code probation_probes} consecutive ok probes. */
  PROBATION;

  /** The name used in the API and metrics, e.g. {@code probation}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
