package dev.fisherman.e2e.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * One real EVM JSON-RPC node: a {@code ganache} process on loopback, started in its own session
 * ({@code setsid}) so that closing it ends the whole process group it may have forked.
 *
 * <p>Every node starts from the same genesis ({@link #GENESIS_TIME}, deterministic wallet) and
 * mines only when told, with explicit timestamps: block {@code n} gets {@code GENESIS_TIME + n ×
 * BLOCK_TIME + skew}. Nodes with the same skew therefore have identical block hashes at every
 * height (they are one chain); a node with another skew is a fork from block 1 on; a node mined to
 * a lower height is lagging; a node started with another chain id is the wrong chain.
 */
public final class Ganache implements AutoCloseable {

  /** The timestamp of block 0 on every node ({@code --chain.time}). */
  public static final Instant GENESIS_TIME = Instant.parse("2026-01-01T00:00:00Z");

  /** The time between two blocks' timestamps. */
  public static final Duration BLOCK_TIME = Duration.ofSeconds(12);

  /** The ganache release the harness is written against ({@code bin/ensure-tools} installs it). */
  public static final String VERSION = "7.9.2";

  /** How long a node may take from exec to answering {@code eth_chainId}. */
  static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final long chainId;
  private final Duration skew;
  private final URI url;
  private final Process process;
  private final Path log;
  private final HttpClient http;
  private long height;
  private int nextId = 1;

  private Ganache(
      String name,
      long chainId,
      Duration skew,
      URI url,
      Process process,
      Path log,
      HttpClient http) {
    this.name = name;
    this.chainId = chainId;
    this.skew = skew;
    this.url = url;
    this.process = process;
    this.log = log;
    this.http = http;
  }

  /**
   * What a node is: its name (for logs and messages), the chain id it serves and the skew of its
   * block timestamps ({@link Duration#ZERO} for the canonical chain).
   */
  public record Spec(String name, long chainId, Duration skew) {

    /** Validates the fields. */
    public Spec {
      if (name == null || !name.matches("[a-z0-9-]+")) {
        throw new IllegalArgumentException("name: " + name + " (expected: [a-z0-9-]+)");
      }
      if (chainId < 1) {
        throw new IllegalArgumentException("chainId: " + chainId + " (expected: >= 1)");
      }
      if (skew == null || skew.isNegative()) {
        throw new IllegalArgumentException("skew: " + skew + " (expected: >= 0)");
      }
    }

    /** A node of the canonical chain. */
    public static Spec canonical(String name, long chainId) {
      return new Spec(name, chainId, Duration.ZERO);
    }

    /** A node whose every block is stamped {@code skew} later than the canonical chain's. */
    public static Spec fork(String name, long chainId, Duration skew) {
      return new Spec(name, chainId, skew);
    }
  }

  /** Whether the {@code ganache} executable is on the {@code PATH}. */
  public static boolean installed() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "ganache"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns when {@code ganache} is installed. Otherwise a test cannot run: in CI ({@code CI=true})
   * that fails it, locally it is skipped with a loud message on the standard error.
   */
  public static void requireInstalled() {
    if (installed()) {
      return;
    }
    String why =
        "ganache is not on the PATH (bin/ensure-tools installs it: npm install -g ganache@"
            + VERSION
            + ")";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(why + "; CI=true, so the EVM tests fail instead of skipping");
    }
    System.err.println("*** SKIPPED: " + why + " ***");
    Assumptions.abort(why);
  }

  /**
   * Starts every node at once (ganache takes seconds to start) and waits until each answers; on any
   * failure the nodes already started are stopped and the error names the node and quotes its log.
   *
   * @param dir where each node writes {@code ganache-<name>.log}
   */
  public static List<Ganache> start(Path dir, List<Spec> specs) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    List<Ganache> nodes = new ArrayList<>();
    try {
      for (Spec spec : specs) {
        nodes.add(exec(dir, spec, http));
      }
      for (Ganache node : nodes) {
        node.awaitReady();
      }
      return List.copyOf(nodes);
    } catch (RuntimeException | AssertionError e) {
      nodes.forEach(Ganache::close);
      throw e;
    }
  }

  private static Ganache exec(Path dir, Spec spec, HttpClient http) {
    int port = freePort();
    List<String> command =
        List.of(
            "setsid",
            "ganache",
            "--server.host",
            "127.0.0.1",
            "--server.port",
            Integer.toString(port),
            "--chain.chainId",
            Long.toString(spec.chainId()),
            "--chain.networkId",
            Long.toString(spec.chainId()),
            "--chain.time",
            GENESIS_TIME.toString(),
            "--wallet.deterministic",
            // No automatic mining: blocks come only from evm_mine with an explicit timestamp.
            "--miner.blockTime",
            "0",
            "--logging.quiet");
    Path log = dir.resolve("ganache-" + spec.name() + ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      return new Ganache(
          spec.name(),
          spec.chainId(),
          spec.skew(),
          URI.create("http://127.0.0.1:" + port),
          process,
          log,
          http);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot exec " + command, e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "ganache " + name + " exited with " + process.exitValue() + "\n" + logText());
      }
      try {
        long served = Long.decode(call("eth_chainId", "[]").asText());
        if (served != chainId) {
          throw new AssertionError("ganache " + name + " serves chain " + served);
        }
        return;
      } catch (UncheckedIOException e) {
        if (!(e.getCause() instanceof ConnectException)) {
          throw e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "ganache " + name + " did not answer within " + READY_TIMEOUT + "\n" + logText());
      }
      try {
        // Polling a process that is starting: nothing to wait on but the port.
        process.waitFor(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /** The node's URL, {@code http://127.0.0.1:<port>}; JSON-RPC is served at {@code /}. */
  public URI url() {
    return url;
  }

  /** The node's name. */
  public String name() {
    return name;
  }

  /** The chain id the node was started with. */
  public long chainId() {
    return chainId;
  }

  /** The height this harness has mined the node to. */
  public long height() {
    return height;
  }

  /** The timestamp block {@code n} gets on this node. */
  public Instant timestampOf(long n) {
    return GENESIS_TIME.plus(BLOCK_TIME.multipliedBy(n)).plus(n == 0 ? Duration.ZERO : skew);
  }

  /** Mines blocks with this node's timestamps until it is at {@code target}. */
  public void mineTo(long target) {
    if (target < height) {
      throw new IllegalArgumentException(
          "target: " + target + " (expected: >= the node's height " + height + ")");
    }
    while (height < target) {
      call("evm_mine", "[" + timestampOf(height + 1).getEpochSecond() + "]");
      height++;
    }
  }

  /** Mines every node to {@code target}, one block at a time on each in turn (lockstep). */
  public static void mineInLockstep(List<Ganache> nodes, long target) {
    long lowest = nodes.stream().mapToLong(Ganache::height).min().orElse(target);
    for (long n = lowest + 1; n <= target; n++) {
      for (Ganache node : nodes) {
        if (node.height() < n) {
          node.mineTo(n);
        }
      }
    }
  }

  /** The node's own answer to {@code eth_blockNumber}. */
  public long blockNumber() {
    return Long.decode(call("eth_blockNumber", "[]").asText());
  }

  /** The node's own answer to {@code eth_chainId}. */
  public long servedChainId() {
    return Long.decode(call("eth_chainId", "[]").asText());
  }

  /** The hash of block {@code n} as the node reports it. */
  public String blockHash(long n) {
    JsonNode block = call("eth_getBlockByNumber", "[\"0x" + Long.toHexString(n) + "\", false]");
    if (!block.hasNonNull("hash")) {
      throw new AssertionError("ganache " + name + " has no block " + n + ": " + block);
    }
    return block.get("hash").asText();
  }

  /** One JSON-RPC call; returns {@code result} or fails with the node's error. */
  public JsonNode call(String method, String params) {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", nextId++);
    request.put("method", method);
    try {
      request.set("params", JSON.readTree(params));
      HttpRequest post =
          HttpRequest.newBuilder(url.resolve("/"))
              .timeout(Duration.ofSeconds(10))
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
              .build();
      HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() != 200 || body.has("error") || !body.has("result")) {
        throw new AssertionError(
            "ganache " + name + " " + method + params + ": " + response.statusCode() + " " + body);
      }
      return body.get("result");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The process, for tests of the harness itself. */
  ProcessHandle handle() {
    return process.toHandle();
  }

  /** The node's output so far, for failure messages. */
  public String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /**
   * Stops the node and every process it forked: SIGTERM to all of them (the descendants are listed
   * before the parent goes away), then SIGKILL to any still alive after five seconds.
   */
  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (ProcessHandle p : all) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        p.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
  }

  @Override
  public String toString() {
    return "ganache " + name + " (chain " + chainId + ", " + url + ")";
  }
}
