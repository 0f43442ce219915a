package dev.fisherman.bench.load;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * 10,000 servicers on two cores: the packaged daemon runs {@link #SESSIONS} sessions of {@link
 * #PER_SESSION} servicers (each on a loopback address of its own, so 10,000 connections), one probe
 * per servicer every 10 s (1,000 probes/s in all). Measured once the first rounds are out: the
 * daemon's CPU over a window while the JIT compiler is still busy and over one after it settled,
 * the ranking and selection endpoints' latency while it probes, and the heap after a full
 * collection.
 */
final class ScaleScenario {
  static final int SESSIONS = 100;
  static final int PER_SESSION = 100;

  /**
   * Probes per servicer in a 130 s session: one every 10 s. The session outlasts the warm CPU
   * window and the admin reads after it.
   */
  static final int PROBES = 13;

  static final Duration SESSION = Duration.ofSeconds(131);

  /**
   * When the warm CPU window starts, after the sessions were posted. Each session's round paths run
   * only ten times a second in all, so the C2 compiler is still compiling them (most of the
   * process's CPU) for the first minute; by 70 s it has mostly settled.
   */
  static final Duration WARM_AFTER = Duration.ofSeconds(70);

  static final Duration START_DELAY = Duration.ofSeconds(1);

  /** Selections per second while probing. */
  static final int SELECT_RATE = 20;

  /**
   * Rankings per second while probing: a gateway polling the ranking (the default answer: the best
   * 100 and up to 100 excluded, from a view at most a second old).
   */
  static final int RANKING_RATE = 10;

  static final String SELECT_PATH = "/v1/services/eth/select?n=5";
  static final String RANKING_PATH = "/v1/services/eth/ranking";

  private final Context ctx;
  private final ServicerProcess servicer;

  ScaleScenario(Context ctx, ServicerProcess servicer) {
    this.ctx = ctx;
    this.servicer = servicer;
  }

  void run(int run) throws Exception {
    Duration settle = ctx.options.quick() ? Duration.ofSeconds(6) : Duration.ofSeconds(22);
    Duration window = ctx.options.quick() ? Duration.ofSeconds(6) : Duration.ofSeconds(16);
    Duration warmAfter = ctx.options.quick() ? Duration.ofSeconds(20) : WARM_AFTER;
    Path genesis = writeGenesis(ctx.workDir);
    servicer.delay(Duration.ZERO);
    if (run == 1) {
      ctx.setup.add(
          "Scale: the packaged daemon (webhook source) is sent "
              + SESSIONS
              + " sessions of "
              + PER_SESSION
              + " servicers (10,000 loopback addresses, 10,000 connections to the servicer"
              + " process), "
              + PROBES
              + " probes each over "
              + (PROBES - 1) * 10
              + " s (one per servicer every 10 s, 1,000 probes/s in all). While it only"
              + " probes, the daemon's CPU (/proc/<pid>/stat) and that of its JIT compiler"
              + " threads (/proc/<pid>/task/*/stat) are read over "
              + window.toSeconds()
              + " s twice: "
              + settle.toSeconds()
              + " s after the sessions were posted (JIT compiling) and "
              + warmAfter.toSeconds()
              + " s after (warm); then, still probing, GET /healthz (the admin port's floor,"
              + " for half as long) and GET /v1/services/eth/select?n=5 at "
              + SELECT_RATE
              + "/s and then GET /v1/services/eth/ranking (the default answer, the best 100)"
              + " once alone and then at "
              + RANKING_RATE
              + "/s, each for "
              + window.dividedBy(2).toSeconds()
              + " s (open loop, latency from the intended send; the daemon's CPU in each window"
              + " above the probing alone, per request); last `jcmd <pid> GC.run` and the heap in"
              + " use from /metrics.");
      ctx.commands.add(
          DaemonProcess.commandForDoc(ctx.options.daemonJar())
              + "  # scale: "
              + SESSIONS
              + " × POST /v1/sessions of "
              + PER_SESSION
              + " servicers");
    }
    try (DaemonProcess daemon =
        DaemonProcess.start(
            ctx.options.daemonJar(),
            genesis,
            ctx.workDir.resolve("daemon-scale-" + run + ".log"),
            ctx.options.daemonOpts())) {
      daemon.awaitReady(Duration.ofSeconds(60));
      String url = servicer.url();
      for (int s = 0; s < SESSIONS; s++) {
        String body = sessionJson("scale-" + run + "-" + s, s, url);
        HttpResponse<String> posted = Http.post(daemon.uri("/v1/sessions"), body, null);
        if (posted.statusCode() / 100 != 2) {
          throw new IllegalStateException(
              "POST /v1/sessions: " + posted.statusCode() + " " + posted.body());
        }
      }
      long posted = System.nanoTime();
      Thread.sleep(settle.toMillis());
      // Probing alone: the daemon's CPU, first while the JIT still compiles, then warm.
      cpuWindow(daemon, window, "scale.cold_");
      long warmAt = posted + warmAfter.toNanos();
      Thread.sleep(Math.max(0, (warmAt - System.nanoTime()) / 1_000_000));
      double[] warm = cpuWindow(daemon, window, "scale.");
      double wall = warm[0];
      ctx.record("scale.sessions", SESSIONS);
      ctx.record("scale.window_s", wall);
      // Then selections, then rankings, each alone on the admin port while the daemon probes; the
      // CPU of each window above the probing alone, per request.
      double probingCpuPerS = warm[1];
      Duration reads = window.dividedBy(2);
      // The admin port's floor in the same conditions: a request that does no work.
      Read floor = read(daemon, "/healthz", SELECT_RATE, reads.dividedBy(2), probingCpuPerS);
      ctx.record("scale.healthz_p50_ms", floor.result().latency().getValueAtPercentile(50) / 1e6);
      ctx.record("scale.healthz_p99_ms", floor.result().latency().getValueAtPercentile(99) / 1e6);
      Read select = read(daemon, SELECT_PATH, SELECT_RATE, reads, probingCpuPerS);
      // The first ranking after a quiet spell makes the service's view on the request: timed apart,
      // then the steady rate a gateway polling the ranking would see.
      long f0 = System.nanoTime();
      HttpResponse<String> first = Http.get(daemon.uri(RANKING_PATH));
      ctx.record("scale.ranking_first_ms", (System.nanoTime() - f0) / 1e6);
      ctx.record("scale.ranking_kib", first.body().length() / 1024.0);
      Read rank = read(daemon, RANKING_PATH, RANKING_RATE, reads, probingCpuPerS);
      double rp99 = rank.result().latency().getValueAtPercentile(99) / 1e6;
      double sp99 = select.result().latency().getValueAtPercentile(99) / 1e6;
      if (rank.result().failed() > 0 || select.result().failed() > 0) {
        ctx.log(
            "  scale: ranking %d/%d failed, select %d/%d failed",
            rank.result().failed(),
            rank.result().due(),
            select.result().failed(),
            select.result().due());
      }
      ctx.record("scale.ranking_p50_ms", rank.result().latency().getValueAtPercentile(50) / 1e6);
      ctx.record("scale.ranking_p99_ms", rp99);
      ctx.record("scale.ranking_cpu_ms", rank.cpuPerRequestS() * 1e3);
      ctx.record("scale.select_p50_ms", select.result().latency().getValueAtPercentile(50) / 1e6);
      ctx.record("scale.select_p99_ms", sp99);
      ctx.record("scale.select_cpu_us", select.cpuPerRequestS() * 1e6);
      ctx.record("scale.admin_p99_ms", Math.max(rp99, sp99));
      ctx.record(
          "scale.ranking_all_kib",
          Http.get(daemon.uri(RANKING_PATH + "?limit=10000")).body().length() / 1024.0);
      ctx.record("scale.heap_mib", heapAfterGc(daemon) / (1024.0 * 1024.0));
    }
  }

  /**
   * Reads the daemon's CPU and its JIT compiler threads' CPU over {@code window} while it only
   * probes, and records them under {@code prefix}; returns the window's length in seconds and the
   * daemon's CPU seconds per second in it.
   */
  private double[] cpuWindow(DaemonProcess daemon, Duration window, String prefix)
      throws IOException, InterruptedException {
    double p0 = probesTotal(daemon);
    long t0 = System.nanoTime();
    double c0 = Peers.seconds(daemon.cpu());
    double j0 = Peers.seconds(Cpu.compilers(daemon.pid()));
    Thread.sleep(window.toMillis());
    double c1 = Peers.seconds(daemon.cpu());
    double j1 = Peers.seconds(Cpu.compilers(daemon.pid()));
    double wall = (System.nanoTime() - t0) / 1e9;
    double probes = probesTotal(daemon) - p0;
    ctx.record(prefix + "probe_rate", probes / wall);
    ctx.record(prefix + "cpu_share", 100 * (c1 - c0) / wall);
    ctx.record(prefix + "cpu_per_10k_s", (c1 - c0) / Math.max(1, probes) * 10_000);
    // A compiler thread the JVM stopped in the window takes its time along: at least zero.
    ctx.record(prefix + "jit_cpu_share", 100 * Math.max(0, j1 - j0) / wall);
    return new double[] {wall, (c1 - c0) / wall};
  }

  /** An open loop's latencies and the daemon's CPU per request above probing alone. */
  private record Read(OpenLoop.Result result, double cpuPerRequestS) {}

  private static Read read(
      DaemonProcess daemon, String path, int rate, Duration window, double probingCpuPerS)
      throws IOException {
    double c0 = Peers.seconds(daemon.cpu());
    long t0 = System.nanoTime();
    OpenLoop.Result r = reads(daemon, path, rate, window);
    double wall = (System.nanoTime() - t0) / 1e9;
    double above = Peers.seconds(daemon.cpu()) - c0 - probingCpuPerS * wall;
    long sent = r.answered();
    return new Read(r, Math.max(0, above) / Math.max(1, sent));
  }

  private static OpenLoop.Result reads(
      DaemonProcess daemon, String path, int rate, Duration window) {
    int port = daemon.port();
    OpenLoop loop =
        new OpenLoop(
            new InetSocketAddress("127.0.0.1", port),
            4,
            () -> {
              DefaultFullHttpRequest r =
                  new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
              r.headers().set(HttpHeaderNames.HOST, "127.0.0.1:" + port);
              return r;
            },
            null);
    try {
      return loop.run(rate, window);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The sum of every {@code fisherman_probes_total} series of the daemon's /metrics. */
  private static double probesTotal(DaemonProcess daemon) throws IOException, InterruptedException {
    return metricSum(daemon, "fisherman_probes_total{", null);
  }

  private static double heapAfterGc(DaemonProcess daemon) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (Files.isExecutable(jcmd)) {
      Process p =
          new ProcessBuilder(jcmd.toString(), Long.toString(daemon.pid()), "GC.run")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      p.waitFor();
    }
    return metricSum(daemon, "jvm_memory_used_bytes{", "area=\"heap\"");
  }

  private static double metricSum(DaemonProcess daemon, String prefix, String contains)
      throws IOException, InterruptedException {
    HttpResponse<String> r = Http.get(daemon.uri("/metrics"));
    double sum = 0;
    for (String line : r.body().split("\n")) {
      if (line.startsWith(prefix) && (contains == null || line.contains(contains))) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** Session {@code s}: servicers {@code s × PER_SESSION} onwards, each on its own address. */
  private static String sessionJson(String id, int s, String url) {
    return DaemonProcess.sessionJson(id, s * PER_SESSION, PER_SESSION, url, SESSION);
  }

  private static Path writeGenesis(Path dir) throws IOException {
    Path file = dir.resolve("genesis-scale.json");
    // max_connections: a session whose plan puts two rounds within one relay_timeout reserves two
    // connections per servicer; the scenario opens 10,000.
    Files.writeString(
        file,
        """
        {
          "chain_id": "bench",
          "params": {
            "session": { "blocks_per_session": 4, "block_time": "15s" },
            "qos": {
              "probes_per_session": %d, "distribution": "stratified", "start_delay": "%dms",
              "relay_timeout": "2s", "high_latency": "500ms", "min_availability": 0.9,
              "min_samples": 2, "connection": "reuse", "max_response_bytes": 1048576,
              "retention_sessions": 4
            },
            "limits": {
              "max_active_sessions": 1000, "max_probe_rate": 100000, "max_connections": 24000
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
            .formatted(PROBES, START_DELAY.toMillis(), Workload.TEMPLATE_BODY),
        StandardCharsets.UTF_8);
    return file;
  }
}
