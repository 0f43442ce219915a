package dev.fisherman.core.probe;

import dev.fisherman.core.time.FishermanClock;
import java.time.Instant;
import java.util.Objects;

/**
 * Who a probe is for and when it was meant to be sent; copied onto its {@link Observation}.
 *
 * @param sessionId the session the probe belongs to (empty for a one-off check)
 * @param servicer the servicer's address
 * @param round index of the round inside the session
 * @param intendedAt the planned send instant on the wall clock
 * @param intendedNanoTime the same instant on the {@link FishermanClock#nanoTime()} scale of the
 *     client that sends the probe, against which lateness is measured
 */
public record ProbeLabel(
    String sessionId, String servicer, int round, Instant intendedAt, long intendedNanoTime) {
  public ProbeLabel {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(servicer, "servicer");
    Objects.requireNonNull(intendedAt, "intendedAt");
    if (round < 0) {
      throw new IllegalArgumentException("round: " + round + " (expected: >= 0)");
    }
  }

  /** A label for a one-off probe of {@code servicer}, meant to be sent now by {@code clock}. */
  public static ProbeLabel now(String servicer, FishermanClock clock) {
    return new ProbeLabel("", servicer, 0, clock.instant(), clock.nanoTime());
  }
}
