package dev.fisherman.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits for the machine to be quiet before measuring: on two shared cores, another process's build
 * or test run moves every latency figure by milliseconds.
 */
final class Quiet {
  /** CPU that other processes may use while the harness still calls the machine quiet. */
  static final double MAX_BUSY_CORES = 0.25;

  private Quiet() {}

  /**
   * Cores kept busy over {@code window} by processes other than this JVM, from {@code /proc/stat}
   * less this process's own CPU (its JIT compiler is busy right after start).
   */
  static double busyCores(Duration window) throws IOException, InterruptedException {
    long[] a = stat();
    long selfA = Cpu.self().toNanos();
    Thread.sleep(window.toMillis());
    long[] b = stat();
    long selfB = Cpu.self().toNanos();
    double busy = (b[0] - a[0]) / 100.0 - (selfB - selfA) / 1e9;
    return Math.max(0, busy / (window.toMillis() / 1000.0));
  }

  /**
   * Waits until other processes use under {@link #MAX_BUSY_CORES}, at most {@code limit}, and
   * records how busy they still were when the harness went on.
   */
  static double await(Context ctx, Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    double busy = busyCores(Duration.ofSeconds(1));
    while (busy > MAX_BUSY_CORES && System.nanoTime() < deadline) {
      ctx.log(
          "machine busy (%.2f cores used by other processes); waiting for it to quiet down", busy);
      busy = busyCores(Duration.ofSeconds(3));
    }
    ctx.record("machine.background_cores", busy);
    return busy;
  }

  /** {@code [busy, total]} clock ticks over all CPUs since boot. */
  private static long[] stat() throws IOException {
    String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
    String[] f = first.trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < f.length; i++) {
      total += Long.parseLong(f[i]);
    }
    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
    return new long[] {total - idle, total};
  }

  /** The 1-minute load average. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
