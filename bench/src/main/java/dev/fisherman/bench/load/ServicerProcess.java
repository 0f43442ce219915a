package dev.fisherman.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The servicer child process every prober in one harness run talks to. */
final class ServicerProcess implements AutoCloseable {
  /** A distribution the servicer measured itself, in nanoseconds. */
  record Timing(long count, long p50, long p99, long max) {}

  private final ChildProcess child;
  private final int port;

  private ServicerProcess(ChildProcess child) {
    this.child = child;
    String[] hello = child.readLine().split(" ");
    if (!hello[0].equals("port")) {
      throw new IllegalStateException("servicer said " + String.join(" ", hello));
    }
    this.port = Integer.parseInt(hello[1]);
  }

  /** Starts the servicer in its own JVM with {@code threads} event loop threads. */
  static ServicerProcess start(Path logDir, int threads) {
    return new ServicerProcess(
        ChildProcess.start(command(threads), logDir.resolve("servicer.log")));
  }

  /**
   * Starts the servicer at a lower scheduling priority ({@code nice -n 10}): where the figure is
   * the daemon's answer to someone else (selection), the servicer stands in for machines elsewhere
   * and should not take the shared cores from the daemon or the generator when they want them. Its
   * answers still come at once on an otherwise idle core.
   */
  static ServicerProcess startInBackground(Path logDir, int threads) {
    List<String> cmd = new java.util.ArrayList<>(List.of("nice", "-n", "10"));
    cmd.addAll(command(threads));
    return new ServicerProcess(ChildProcess.start(cmd, logDir.resolve("servicer.log")));
  }

  private static List<String> command(int threads) {
    return ChildProcess.javaSelf(
        List.of("-Xms256m", "-Xmx256m", "-XX:+UseParallelGC"),
        "servicer",
        Integer.toString(threads));
  }

  int port() {
    return port;
  }

  String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  long pid() {
    return child.pid();
  }

  Duration cpu() {
    return child.cpu();
  }

  void delay(Duration d) {
    String answer = child.ask("delay " + d.toNanos());
    if (!answer.equals("ok")) {
      throw new IllegalStateException("servicer: " + answer);
    }
  }

  /** How late the delay timer fired against the injected delay, since the last call. */
  Timing takeSlack() {
    return take("slack");
  }

  /**
   * How long answers were actually held (request decoded → answer written), since the last call.
   */
  Timing takeHeld() {
    return take("held");
  }

  private Timing take(String what) {
    String[] w = child.ask(what).split(" ");
    if (!w[0].equals(what)) {
      throw new IllegalStateException("servicer: " + String.join(" ", w));
    }
    return new Timing(
        Long.parseLong(w[1]), Long.parseLong(w[2]), Long.parseLong(w[3]), Long.parseLong(w[4]));
  }

  long requests() {
    return Long.parseLong(child.ask("requests").split(" ")[1]);
  }

  @Override
  public void close() {
    child.close();
  }
}
