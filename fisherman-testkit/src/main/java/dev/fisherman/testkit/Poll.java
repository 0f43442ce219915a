package dev.fisherman.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a state by asking again until a deadline, never for a fixed time. Between two looks the
 * calling thread parks for a pause that starts at {@link #FIRST_PAUSE} and doubles up to {@link
 * #LONGEST_PAUSE}, so a fast condition is seen within a millisecond and a slow one costs little.
 * The pause only spaces the looks: correctness rests on the state asked for, not on the time spent.
 */
public final class Poll {

  static final Duration FIRST_PAUSE = Duration.ofMillis(1);
  static final Duration LONGEST_PAUSE = Duration.ofMillis(50);

  private Poll() {}

  /**
   * Asks {@code probe} until it returns a value or {@code timeout} passes.
   *
   * @param what says what was awaited, for the failure message
   * @throws AssertionError with {@code what} when time runs out
   */
  public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = FIRST_PAUSE.toNanos();
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      long left = deadline - System.nanoTime();
      if (left < 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what);
      }
      LockSupport.parkNanos(Math.min(pause, left + 1));
      pause = Math.min(pause * 2, LONGEST_PAUSE.toNanos());
    }
  }

  /** Asks {@code condition} until it holds or {@code timeout} passes. */
  public static void until(Duration timeout, BooleanSupplier condition) {
    until("a condition", timeout, condition);
  }

  /**
   * Asks {@code condition} until it holds or {@code timeout} passes.
   *
   * @param what says what was awaited, for the failure message
   */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    Supplier<Optional<Boolean>> probe =
        () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty();
    until(what, timeout, probe);
  }
}
