package dev.fisherman.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The packaged daemon as an OS process, with the webhook source on a loopback admin port. */
final class DaemonProcess implements AutoCloseable {
  private final ChildProcess child;
  private final int port;
  private final long startedNanos;

  private DaemonProcess(ChildProcess child, int port, long startedNanos) {
    this.child = child;
    this.port = port;
    this.startedNanos = startedNanos;
  }

  /** The command line, with {@code <genesis>} and {@code <port>} placeholders, for the doc. */
  static String commandForDoc(Path jar) {
    return "java -jar "
        + jar
        + " run --genesis <genesis.json> --admin 127.0.0.1:<port> --source webhook";
  }

  static List<String> command(Path jar, Path genesis, int port, List<String> jvmArgs) {
    return command(jar, genesis, port, jvmArgs, List.of());
  }

  static List<String> command(
      Path jar, Path genesis, int port, List<String> jvmArgs, List<String> daemonArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.add("run");
    cmd.add("--genesis");
    cmd.add(genesis.toString());
    cmd.add("--admin");
    cmd.add("127.0.0.1:" + port);
    cmd.add("--source");
    cmd.add("webhook");
    cmd.addAll(daemonArgs);
    return cmd;
  }

  /** Starts the daemon; does not wait for it to be ready. */
  static DaemonProcess start(Path jar, Path genesis, Path log) {
    return start(jar, genesis, log, List.of());
  }

  /** Starts the daemon with extra JVM options (e.g. a flight recording). */
  static DaemonProcess start(Path jar, Path genesis, Path log, List<String> jvmArgs) {
    return start(jar, genesis, log, jvmArgs, List.of());
  }

  /** Starts the daemon with extra JVM options and extra {@code run} options. */
  static DaemonProcess start(
      Path jar, Path genesis, Path log, List<String> jvmArgs, List<String> daemonArgs) {
    int port = Ports.free();
    long t0 = System.nanoTime();
    ChildProcess child =
        ChildProcess.startLogged(command(jar, genesis, port, jvmArgs, daemonArgs), log);
    return new DaemonProcess(child, port, t0);
  }

  /**
   * Polls {@code /readyz} every millisecond until it answers 200; returns the time from process
   * start to that answer.
   */
  Duration awaitReady(Duration limit) throws InterruptedException {
    URI ready = uri("/readyz");
    long deadline = startedNanos + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!child.process().isAlive()) {
        throw new IllegalStateException(
            "the daemon exited with " + child.process().exitValue() + " before it was ready");
      }
      try {
        if (Http.get(ready).statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - startedNanos);
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(1);
    }
    throw new IllegalStateException("the daemon was not ready within " + limit);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  int port() {
    return port;
  }

  long pid() {
    return child.pid();
  }

  Duration cpu() {
    return child.cpu();
  }

  @Override
  public void close() {
    child.close();
  }

  /** Writes a genesis file for the webhook source: one service, the given sampling. */
  static Path writeGenesis(Path dir, String name, int probesPerSession, Duration startDelay)
      throws IOException {
    return writeGenesis(dir, name, probesPerSession, startDelay, "2s", "500ms", 0.9);
  }

  /**
   * Writes a genesis file for the webhook source: one service, the given sampling, relay timeout,
   * high-latency line and availability bar.
   */
  static Path writeGenesis(
      Path dir,
      String name,
      int probesPerSession,
      Duration startDelay,
      String relayTimeout,
      String highLatency,
      double minAvailability)
      throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(
        file,
        """
        {
          "chain_id": "bench",
          "params": {
            "session": { "blocks_per_session": 4, "block_time": "15s" },
            "qos": {
              "probes_per_session": %d, "distribution": "stratified", "start_delay": "%dms",
              "relay_timeout": "%s", "high_latency": "%s", "min_availability": %s,
              "min_samples": 5, "connection": "reuse", "max_response_bytes": 1048576,
              "retention_sessions": 4
            }
          },
          "services": [
            { "id": "eth",
              "relay": { "method": "POST", "path": "/", "body": %s },
              "expect": { "jsonrpc_result": true } }
          ],
          "servicers": []
        }
        """
            .formatted(
                probesPerSession,
                startDelay.toMillis(),
                relayTimeout,
                highLatency,
                minAvailability,
                Workload.TEMPLATE_BODY),
        StandardCharsets.UTF_8);
    return file;
  }

  /**
   * The webhook body for a session of {@code servicers} servicers, each under its own path of
   * {@code url} (distinct servicers have distinct URLs, so each gets its own connection).
   */
  static String sessionJson(String id, int servicers, String url, Duration duration) {
    return sessionJson(id, 0, servicers, url, duration);
  }

  /** As {@link #sessionJson(String, int, String, Duration)}, servicers {@code first} onwards. */
  static String sessionJson(String id, int first, int servicers, String url, Duration duration) {
    // Servicer URLs have no path (the genesis rule), so each servicer gets a loopback address of
    // its own on the servicer's port (127.0.1.1, 127.0.1.2, ...; the servicer listens on all
    // addresses): distinct URLs, so distinct connections, as distinct servicers would have.
    int port = java.net.URI.create(url).getPort();
    if (first < 0 || first + servicers > 250 * 254) {
      throw new IllegalArgumentException(
          "servicers: " + first + ".." + (first + servicers) + " (expected: within 0..63500)");
    }
    StringBuilder s = new StringBuilder();
    s.append("{\"session_id\":\"")
        .append(id)
        .append("\",\"service\":\"eth\",\"start_height\":1,\"duration\":\"")
        .append(duration.toMillis())
        .append("ms\",\"servicers\":[");
    for (int i = first; i < first + servicers; i++) {
      s.append(i == first ? "" : ",")
          .append("{\"address\":\"servicer-")
          .append(i)
          .append("\",\"url\":\"http://127.0.")
          .append(1 + i / 250)
          .append('.')
          .append(1 + i % 250)
          .append(':')
          .append(port)
          .append("\"}");
    }
    return s.append("]}").toString();
  }
}
