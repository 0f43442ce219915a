package dev.fisherman.bench.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The machine's own stalls during a measured window, as jHiccup measures them: a thread that only
 * sleeps 1 ms at a time records how late it wakes. It does no work, so whatever delays it (a core
 * taken away by the host, the kernel, other threads) delays the daemon's and the generator's
 * threads alike; a figure's tail is read against it.
 */
final class Hiccups implements AutoCloseable {
  private static final long PERIOD = TimeUnit.MILLISECONDS.toNanos(1);

  private final Histogram late = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
  private final Thread thread;
  private volatile boolean stop;

  private Hiccups(long from) {
    thread =
        Thread.ofPlatform()
            .name("hiccups")
            .daemon()
            .start(
                () -> {
                  long wait;
                  while (!stop && (wait = from - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(Math.min(wait, PERIOD));
                  }
                  while (!stop) {
                    long t = System.nanoTime();
                    LockSupport.parkNanos(PERIOD);
                    long over = System.nanoTime() - t - PERIOD;
                    synchronized (late) {
                      late.recordValue(Math.max(0, over));
                    }
                  }
                });
  }

  /** Starts measuring at {@code fromNanos} ({@link System#nanoTime()}), until {@link #close()}. */
  static Hiccups from(long fromNanos) {
    return new Hiccups(fromNanos);
  }

  /** How late the 1 ms sleeps woke, in nanoseconds; a copy. */
  Histogram late() {
    synchronized (late) {
      return late.copy();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join(TimeUnit.SECONDS.toMillis(5));
  }
}
