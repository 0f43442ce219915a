package dev.fisherman.daemon.admin;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most one log line per reason per period, so a client repeating the same mistake cannot fill
 * the disk; the next line that is let through says how many were held back. Thread-safe.
 */
final class LogLimiter {
  /** Let through nothing now. */
  static final long SUPPRESSED = -1;

  private final long periodNanos;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

  private static final class Slot {
    long lastNanos;
    long suppressed;
  }

  LogLimiter(Duration period, LongSupplier nanoTime) {
    this.periodNanos = period.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Whether a line for {@code reason} may be logged now: {@link #SUPPRESSED} when not (it is
   * counted), otherwise how many lines for it were held back since the last one.
   */
  long tryLog(String reason) {
    long now = nanoTime.getAsLong();
    Slot slot =
        slots.computeIfAbsent(
            reason,
            r -> {
              Slot s = new Slot();
              s.lastNanos = now - periodNanos;
              return s;
            });
    synchronized (slot) {
      if (now - slot.lastNanos < periodNanos) {
        slot.suppressed++;
        return SUPPRESSED;
      }
      long held = slot.suppressed;
      slot.suppressed = 0;
      slot.lastNanos = now;
      return held;
    }
  }

  /** {@code " (n more like it suppressed)"} or nothing, for a count {@link #tryLog} gave. */
  static String note(long held) {
    return held > 0 ? " (" + held + " more like it suppressed)" : "";
  }
}
