package dev.fisherman.e2e.harness;

import dev.fisherman.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The packaged daemon ({@code fisherman.jar}) running as a real OS process, started with {@code
 * java -jar} from the JDK running the tests, its output captured in a log file.
 */
public final class DaemonProcess implements AutoCloseable {

  /** How long a daemon may take from exec to a 200 on {@code /readyz}. */
  public static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  /** How long a SIGTERM'ed daemon may take to exit before it is killed. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  /** How much of the log a failure message quotes; the file keeps all of it. */
  private static final int DESCRIBED_LOG_LINES = 400;

  private final Process process;
  private final Path log;
  private final URI admin;
  private final List<String> command;

  private DaemonProcess(Process process, Path log, URI admin, List<String> command) {
    this.process = process;
    this.log = log;
    this.admin = admin;
    this.command = command;
  }

  /** The packaged jar, from the failsafe system property {@code fisherman.jar}. */
  public static Path jar() {
    String property = System.getProperty("fisherman.jar");
    if (property == null) {
      throw new IllegalStateException(
          "system property fisherman.jar is not set (run the scenarios with ./mvnw -pl e2e"
              + " verify, which sets it to fisherman-daemon/target/fisherman.jar)");
    }
    Path jar = Path.of(property).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "fisherman.jar: " + jar + " (expected: the packaged daemon; run make package first)");
    }
    return jar;
  }

  /** The java launcher of the JVM running the tests, so the daemon runs on the same JDK. */
  static String java() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** A TCP port that was free a moment ago on 127.0.0.1. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Execs {@code java -jar fisherman.jar <args>} with its output going to {@code dir/daemon.log};
   * does not wait for anything.
   *
   * @param admin the admin URL the arguments point the daemon at (used by {@link #awaitReady})
   */
  public static DaemonProcess exec(Path dir, URI admin, List<String> args) {
    return exec(dir, admin, List.of(), args);
  }

  /**
   * Like {@link #exec(Path, URI, List)} with {@code prefix} in front of {@code java}, e.g. {@code
   * ip netns exec <name>} to run the daemon inside a network namespace. The prefix must exec the
   * daemon in its own process (as {@code ip netns exec} does), so signals reach the JVM.
   */
  public static DaemonProcess exec(Path dir, URI admin, List<String> prefix, List<String> args) {
    List<String> command = new ArrayList<>(prefix);
    command.add(java());
    // A small heap keeps several daemons at once friendly to a 2-core machine.
    command.add("-Xmx256m");
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(args);
    Path log = dir.resolve("daemon.log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      return new DaemonProcess(process, log, admin, List.copyOf(command));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot exec " + command, e);
    }
  }

  /**
   * Starts {@code fisherman run} on a free admin port and waits until {@code /readyz} answers 200.
   *
   * @param source the {@code --source} value, e.g. {@code webhook} or {@code ndjson:/tmp/x}
   * @param extra further arguments appended as they are
   */
  public static DaemonProcess run(Path dir, Path genesis, String source, String... extra) {
    int port = freePort();
    URI admin = URI.create("http://127.0.0.1:" + port);
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "run",
            "--genesis",
            genesis.toString(),
            "--admin",
            "127.0.0.1:" + port,
            "--source",
            source));
    args.addAll(List.of(extra));
    DaemonProcess daemon = exec(dir, admin, args);
    try {
      daemon.awaitReady();
    } catch (RuntimeException | AssertionError e) {
      daemon.close();
      throw new AssertionError(
          "daemon did not become ready: " + e.getMessage() + "\n" + daemon.describe(), e);
    }
    return daemon;
  }

  /** Waits for a 200 on {@code /readyz}, failing at once if the process exits first. */
  public void awaitReady() {
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
      HttpRequest readyz =
          HttpRequest.newBuilder(admin.resolve("/readyz")).timeout(Duration.ofSeconds(2)).build();
      Poll.until(
          "GET " + readyz.uri() + " to answer 200",
          READY_TIMEOUT,
          () -> {
            if (!process.isAlive()) {
              throw new AssertionError(
                  "daemon exited with " + process.exitValue() + "\n" + describe());
            }
            try {
              int status = client.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode();
              return status == 200 ? Optional.of(status) : Optional.empty();
            } catch (IOException e) {
              return Optional.empty();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new AssertionError("interrupted", e);
            }
          });
    }
  }

  /** The admin base URL, e.g. {@code http://127.0.0.1:40123}. */
  public URI admin() {
    return admin;
  }

  /** A client of this daemon's admin port. */
  public AdminClient client() {
    return new AdminClient(admin);
  }

  /** The OS process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Sends SIGTERM (what {@code systemctl stop} and {@code kubectl delete pod} send). */
  public void terminate() {
    process.destroy();
  }

  /** Sends SIGKILL: no shutdown hook runs, nothing is flushed. */
  public void kill() {
    process.destroyForcibly();
  }

  /** Waits for the process to exit; empty if it still runs after {@code timeout}. */
  public OptionalInt awaitExit(Duration timeout) {
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return OptionalInt.of(process.exitValue());
      }
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    }
  }

  /** Everything the daemon printed so far (stdout and stderr interleaved). */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /**
   * Whether the daemon exited because a port it was to listen on was taken: ports picked with
   * {@link #freePort} are free when picked, and another process may connect from one before the
   * daemon binds it.
   */
  public boolean exitedOnATakenPort() {
    return !process.isAlive() && log().contains("Address already in use");
  }

  /** The command, the state and the end of the log, for failure messages. */
  public String describe() {
    String state = process.isAlive() ? "running" : "exited with " + process.exitValue();
    List<String> lines = log().lines().toList();
    int from = Math.max(0, lines.size() - DESCRIBED_LOG_LINES);
    return "daemon pid "
        + process.pid()
        + " ("
        + state
        + "): "
        + String.join(" ", command)
        + "\n----- daemon log"
        + (from > 0 ? ", last " + DESCRIBED_LOG_LINES + " of " + lines.size() + " lines" : "")
        + " ("
        + log
        + ") -----\n"
        + String.join("\n", lines.subList(from, lines.size()))
        + "\n----- end of daemon log -----";
  }

  /**
   * Stops the daemon: SIGTERM, then SIGKILL if it has not exited within {@link #STOP_TIMEOUT}.
   * Returns the exit code, empty when it had to be killed.
   */
  public OptionalInt stop() {
    if (!process.isAlive()) {
      return OptionalInt.of(process.exitValue());
    }
    process.destroy();
    OptionalInt code = awaitExit(STOP_TIMEOUT);
    if (code.isEmpty()) {
      process.destroyForcibly();
      awaitExit(STOP_TIMEOUT);
    }
    return code;
  }

  @Override
  public void close() {
    stop();
  }
}
