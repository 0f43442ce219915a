package dev.fisherman.bench.load;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * How precisely this machine wakes threads: the overshoot of a 1 ms {@code parkNanos}, and the
 * delay from {@code unpark} to the parked thread running. Every "send at instant T" in the prober,
 * the servicer and the load generators sits on top of these.
 */
final class TimerProbe {
  private static volatile long sent;

  private TimerProbe() {}

  static void measure(Context ctx) throws InterruptedException {
    int n = 1000;
    long[] overshoot = new long[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      LockSupport.parkNanos(1_000_000);
      overshoot[i] = System.nanoTime() - t - 1_000_000;
    }
    Arrays.sort(overshoot);
    ctx.record("machine.park_overshoot_p50_us", overshoot[n / 2] / 1e3);
    ctx.record("machine.park_overshoot_p99_us", overshoot[n * 99 / 100] / 1e3);

    long[] handoff = new long[n];
    Thread waiter =
        Thread.ofPlatform()
            .name("timer-probe")
            .start(
                () -> {
                  for (int i = 0; i < n; i++) {
                    while (sent == 0) {
                      LockSupport.park();
                    }
                    handoff[i] = System.nanoTime() - sent;
                    sent = 0;
                  }
                });
    for (int i = 0; i < n; i++) {
      Thread.sleep(1);
      sent = System.nanoTime();
      LockSupport.unpark(waiter);
      while (sent != 0) {
        Thread.onSpinWait();
      }
    }
    waiter.join();
    Arrays.sort(handoff);
    ctx.record("machine.unpark_p50_us", handoff[n / 2] / 1e3);
    ctx.record("machine.unpark_p99_us", handoff[n * 99 / 100] / 1e3);
  }
}
