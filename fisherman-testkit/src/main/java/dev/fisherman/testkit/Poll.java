package dev.fisherman.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition by asking again until a deadline, never for a fixed time. */
public final class Poll {

  private static final Duration INTERVAL = Duration.ofMillis(50);

  private Poll() {}

  /**
   * Asks {@code probe} until it returns a value or {@code timeout} passes.
   *
   * @param what says what was awaited, for the failure message
   * @throws AssertionError with {@code what} and the last value seen when time runs out
   */
  public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(INTERVAL.toNanos());
    }
  }

  /** Asks {@code condition} until it holds or {@code timeout} passes. */
  public static void until(Duration timeout, BooleanSupplier condition) {
    until(
        "condition",
        timeout,
        () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
  }
}
