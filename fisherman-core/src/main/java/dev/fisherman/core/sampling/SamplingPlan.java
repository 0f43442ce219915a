package dev.fisherman.core.sampling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The planned round instants of one session, in ascending order, all inside {@code [from, to)}.
 *
 * @param from first instant a round may fire: session start + {@code start_delay}
 * @param to end of the session window (exclusive)
 * @param instants the round instants; fewer than {@code probes_per_session} only for {@code
 *     poisson} (draws past the window are dropped) or when the window after {@code start_delay} is
 *     empty
 */
public record SamplingPlan(Instant from, Instant to, List<Instant> instants) {
  public SamplingPlan {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    instants = List.copyOf(instants);
    Instant previous = null;
    for (Instant i : instants) {
      if (i.isBefore(from) || !i.isBefore(to)) {
        throw new IllegalArgumentException(
            "instants: " + i + " (expected: in [" + from + ", " + to + "))");
      }
      if (previous != null && i.isBefore(previous)) {
        throw new IllegalArgumentException(
            "instants: " + i + " after " + previous + " (expected: ascending)");
      }
      previous = i;
    }
  }

  /** Number of rounds planned. */
  public int rounds() {
    return instants.size();
  }

  /** Length of the sampled window, {@code to − from}, zero when empty. */
  public Duration window() {
    return from.isBefore(to) ? Duration.between(from, to) : Duration.ZERO;
  }
}
