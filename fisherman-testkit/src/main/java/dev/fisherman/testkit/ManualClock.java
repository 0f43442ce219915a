package dev.fisherman.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A clock a test moves by hand: a wall clock ({@link InstantSource}) and a monotonic ticker in
 * nanoseconds ({@link LongSupplier}) that advance together, never alone. The engine takes it as
 * {@code FishermanClock.of(clock, clock)}.
 */
public final class ManualClock implements InstantSource, LongSupplier {
  private final Instant origin;
  private final AtomicLong nanos = new AtomicLong();

  public ManualClock(Instant origin) {
    this.origin = origin;
  }

  /** The ticker reading: nanoseconds moved since the origin. */
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public long getAsLong() {
    return nanos.get();
  }

  @Override
  public Instant instant() {
    return origin.plusNanos(nanos.get());
  }

  /** Moves both the ticker and the wall clock forward by {@code d}. */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("d: " + d + " (expected: >= 0)");
    }
    nanos.addAndGet(d.toNanos());
  }

  /** Moves the clock forward to {@code instant} (never back). */
  public void advanceTo(Instant instant) {
    Duration d = Duration.between(instant(), instant);
    if (!d.isNegative()) {
      advance(d);
    }
  }
}
