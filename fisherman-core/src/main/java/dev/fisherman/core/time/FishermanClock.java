package dev.fisherman.core.time;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The engine's one source of time: a monotonic ticker for measuring and scheduling (like Caffeine's
 * {@code Ticker}) paired with a wall clock for instants people read. Production uses {@link
 * #system()}; tests hand in a clock they move by hand, so whole sessions run in deterministic
 * steps.
 *
 * <p>{@link #nanoTime()} sits on the probe path: implementations must be as cheap as {@link
 * System#nanoTime()} and never allocate.
 */
public interface FishermanClock extends InstantSource {

  /** A monotonic reading in nanoseconds, comparable only with other readings of this clock. */
  long nanoTime();

  /** The wall-clock instant now. */
  @Override
  Instant instant();

  /**
   * Whether {@link #nanoTime()} is {@link System#nanoTime()}, which only moves with real time. Any
   * other ticker may jump at any moment, so whoever waits on it must look again often.
   */
  default boolean realTicker() {
    return false;
  }

  /** {@link System#nanoTime()} and the system wall clock. */
  static FishermanClock system() {
    return SystemClock.INSTANCE;
  }

  /** The wall clock {@code wall} paired with the system ticker. */
  static FishermanClock of(InstantSource wall) {
    Objects.requireNonNull(wall, "wall");
    return wall.equals(InstantSource.system()) ? system() : new SystemClock(wall);
  }

  /** The wall clock {@code wall} paired with the ticker {@code ticker}. */
  static FishermanClock of(InstantSource wall, LongSupplier ticker) {
    Objects.requireNonNull(wall, "wall");
    Objects.requireNonNull(ticker, "ticker");
    return new FishermanClock() {
      @Override
      public long nanoTime() {
        return ticker.getAsLong();
      }

      @Override
      public Instant instant() {
        return wall.instant();
      }

      @Override
      public String toString() {
        return "FishermanClock(" + wall + ")";
      }
    };
  }
}
