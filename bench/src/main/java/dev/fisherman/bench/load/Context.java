package dev.fisherman.bench.load;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What every scenario of one harness run shares: options, work dir, results, progress log. */
final class Context {
  final Options options;
  final Path workDir;
  final Runs runs = new Runs();
  final List<String> commands = new ArrayList<>();
  final List<String> setup = new ArrayList<>();

  /** Run-specific strings (temp dir, ports) and what the doc shows instead. */
  final java.util.Map<String, String> placeholders = new java.util.LinkedHashMap<>();

  private final PrintStream log;
  private final long started = System.nanoTime();

  Context(Options options, Path workDir, PrintStream log) {
    this.options = options;
    this.workDir = workDir;
    this.log = log;
  }

  void log(String format, Object... args) {
    long s = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    log.printf(Locale.ROOT, "[bench %3ds] %s%n", s, String.format(Locale.ROOT, format, args));
  }

  private boolean warmingUp;

  /** While true, {@link #record} only logs: the run is a JIT warm-up, not a measurement. */
  void warmingUp(boolean on) {
    warmingUp = on;
  }

  /** Records a value, and says it in the progress log. */
  void record(String figure, double value) {
    if (warmingUp) {
      log("  (warm-up) %s = %.3f", figure, value);
      return;
    }
    runs.add(figure, value);
    log("  %s = %.3f", figure, value);
  }
}
