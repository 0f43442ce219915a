package dev.fisherman.daemon.source.cometbft;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter: attempt {@code n} waits a random time in {@code [d/2, d]}
 * where {@code d = min(max, base × 2^(n-1))}, so that many clients that lost the same node do not
 * come back in step.
 */
final class Backoff {
  private final Duration base;
  private final Duration max;
  private final RandomGenerator random;

  Backoff(Duration base, Duration max, RandomGenerator random) {
    this.base = Objects.requireNonNull(base, "base");
    this.max = Objects.requireNonNull(max, "max");
    this.random = Objects.requireNonNull(random, "random");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("backoff base: " + base + " (expected: > 0)");
    }
    if (max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff max: " + max + " (expected: >= " + base + ")");
    }
  }

  /** The wait before attempt {@code attempt} (1 is the first retry). */
  Duration delay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt: " + attempt + " (expected: >= 1)");
    }
    long cap = max.toNanos();
    long d = base.toNanos();
    for (int i = 1; i < attempt && d < cap; i++) {
      d = Math.min(cap, d * 2);
    }
    d = Math.min(cap, d);
    long half = d / 2;
    long jitter;
    synchronized (random) {
      jitter = random.nextLong(d - half + 1);
    }
    return Duration.ofNanos(half + jitter);
  }
}
