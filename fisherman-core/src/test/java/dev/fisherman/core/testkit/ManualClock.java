package dev.fisherman.core.testkit;

import dev.fisherman.core.time.FishermanClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** An engine clock a test moves by hand: ticker and wall clock advance together, never alone. */
public final class ManualClock implements FishermanClock {
  private final Instant origin;
  private final AtomicLong nanos = new AtomicLong();

  public ManualClock(Instant origin) {
    this.origin = origin;
  }

  @Override
  public long nanoTime() {
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
