package dev.fisherman.genesis;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code params.reputation}: how a servicer's record across sessions decays, is forgotten and is
 * punished.
 *
 * @param halfLife an observation weighs half as much after this long
 * @param forgetAfter a servicer with no observation for this long is forgotten
 * @param latencyBand latencies in the same band of this width score the same
 * @param timeout how long a servicer judged unavailable is never selected
 * @param integrityTimeout how long a servicer that failed the integrity or chain check is never
 *     selected
 * @param probationProbes consecutive ok probes after a timeout before it is selected again
 */
public record ReputationParams(
    Duration halfLife,
    Duration forgetAfter,
    Duration latencyBand,
    Duration timeout,
    Duration integrityTimeout,
    int probationProbes) {

  /** Every default: 30m, 24h, 50ms, 5m, 15m, 5. */
  public static final ReputationParams DEFAULTS =
      new ReputationParams(
          Duration.ofMinutes(30),
          Duration.ofHours(24),
          Duration.ofMillis(50),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          5);

  public ReputationParams {
    positive("half_life", halfLife);
    positive("forget_after", forgetAfter);
    positive("latency_band", latencyBand);
    positive("timeout", timeout);
    positive("integrity_timeout", integrityTimeout);
    if (probationProbes < 1 || probationProbes > ReputationChecker.MAX_PROBATION_PROBES) {
      throw new IllegalArgumentException(
          "probation_probes: "
              + probationProbes
              + " (expected: from 1 to "
              + ReputationChecker.MAX_PROBATION_PROBES
              + ")");
    }
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (!d.isPositive()) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
    }
  }
}
