package dev.fisherman.core;

import dev.fisherman.core.probe.Outcome;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/** The engine's probe accounting: every planned probe ends recorded or cancelled. Thread-safe. */
final class Ledger {
  private final LongAdder planned = new LongAdder();
  private final LongAdder recorded = new LongAdder();
  private final LongAdder cancelled = new LongAdder();
  private final AtomicLong inFlight = new AtomicLong();

  void planned(long probes) {
    planned.add(probes);
  }

  /** Probes handed to the relay client; in flight until their round is recorded. */
  void sent(int probes) {
    inFlight.addAndGet(probes);
  }

  /** One observation recorded (a cancelled one counts as cancelled). */
  void recorded(Outcome outcome) {
    if (outcome == Outcome.CANCELLED) {
      cancelled.increment();
    } else {
      recorded.increment();
    }
  }

  /** Probes of rounds that never fired, recorded as cancelled. */
  void cancelled(long probes) {
    cancelled.add(probes);
  }

  /** A round of {@code probes} sent probes is recorded. */
  void landed(int probes) {
    inFlight.addAndGet(-probes);
  }

  long inFlight() {
    return inFlight.get();
  }

  Accounting accounting() {
    return new Accounting(planned.sum(), recorded.sum(), cancelled.sum(), inFlight.get());
  }

  /**
   * Waits up to {@code nanos} of real time for the rounds in flight to be recorded. Real time,
   * whatever the engine's clock: probes end on event loop timers, which run on real time.
   */
  void awaitNoneInFlight(long nanos) {
    long deadline = System.nanoTime() + nanos;
    while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }
}
