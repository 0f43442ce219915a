package dev.fisherman.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scenarios that run the packaged daemon as a process: admin latency, CPU, start to ready. */
final class DaemonScenarios {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Servicers in the probed session; 10 rounds/s × 100 servicers = 1,000 probes/s. */
  static final int SERVICERS = 100;

  static final int ROUNDS_PER_SECOND = Workload.PROBE_RATE / SERVICERS;
  static final Duration START_DELAY = Duration.ofSeconds(1);

  private final Context ctx;
  private final ServicerProcess servicer;
  private final Path jar;

  DaemonScenarios(Context ctx, ServicerProcess servicer) {
    this.ctx = ctx;
    this.servicer = servicer;
    this.jar = ctx.options.daemonJar();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "daemon jar: " + jar + " (expected: the packaged daemon; run make package)");
    }
  }

  /**
   * The daemon probes a 100-servicer session at 1,000 probes/s: first alone (its CPU per 10,000
   * probes), then while {@code GET /v1/sessions/{id}} arrives at 500/s (its p99 latency).
   */
  void adminUnderProbing(int run) throws Exception {
    Duration phase = ctx.options.quick() ? Duration.ofSeconds(3) : Duration.ofSeconds(8);
    // Admin reads before the measured windows, so the admin path is compiled too.
    Duration warm = ctx.options.quick() ? Duration.ofSeconds(2) : Duration.ofSeconds(4);
    // The session outlasts every phase; its rounds are spread over the window after start_delay.
    Duration session = START_DELAY.plus(warm).plus(phase.multipliedBy(3)).plusSeconds(4);
    int probesPerSession =
        (int) (ROUNDS_PER_SECOND * (session.minus(START_DELAY).toMillis() / 1000.0));
    Path genesis =
        DaemonProcess.writeGenesis(
            ctx.workDir, "genesis-admin.json", probesPerSession, START_DELAY);
    servicer.delay(Workload.DELAY);
    String id = "bench-admin-" + run;
    List<String> jvm = new ArrayList<>(ctx.options.daemonOpts());
    if (ctx.options.jfr()) {
      jvm.add(
          "-XX:StartFlightRecording=settings=profile,filename="
              + ctx.workDir.resolve("daemon-admin-" + run + ".jfr"));
    }
    try (DaemonProcess daemon =
        DaemonProcess.start(
            jar, genesis, ctx.workDir.resolve("daemon-admin-" + run + ".log"), jvm)) {
      daemon.awaitReady(Duration.ofSeconds(30));
      if (run == 1) {
        ctx.setup.add(
            "Admin and CPU: the packaged daemon (webhook source) probes one session of "
                + SERVICERS
                + " servicers at "
                + ROUNDS_PER_SECOND
                + " rounds/s = "
                + Workload.PROBE_RATE
                + " probes/s against the servicer (delay "
                + Workload.DELAY.toMillis()
                + " ms). The first "
                + phase.toSeconds()
                + " s of probing give its CPU per 10,000 probes while the JIT compiles (process"
                + " CPU from /proc/<pid>/stat); then "
                + warm.toSeconds()
                + " s of admin reads warm the admin path, "
                + phase.toSeconds()
                + " s of probing alone give its steady CPU per 10,000 probes, and "
                + phase.toSeconds()
                + " s with GET /v1/sessions/{id} at "
                + Workload.ADMIN_RATE
                + "/s from an open-loop generator (latency from each request's intended send).");
        ctx.commands.add(
            DaemonProcess.commandForDoc(jar) + "  # probes_per_session=" + probesPerSession);
        ctx.commands.add(
            "POST /v1/sessions {\"session_id\":...,\"duration\":\""
                + session.toMillis()
                + "ms\",\"servicers\":["
                + SERVICERS
                + " × the servicer]}");
        ctx.commands.add(
            "GET /v1/sessions/<id>  # "
                + Workload.ADMIN_RATE
                + "/s, open loop, 8 keep-alive connections");
      }
      HttpResponse<String> posted =
          Http.post(
              daemon.uri("/v1/sessions"),
              DaemonProcess.sessionJson(id, SERVICERS, servicer.url(), session),
              null);
      if (posted.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "POST /v1/sessions: " + posted.statusCode() + " " + posted.body());
      }
      Thread.sleep(START_DELAY.toMillis());

      // Phase 1: probing only, from the first round: the JIT is still compiling the probe path.
      cpuWindow(daemon, id, phase, "daemon.cold_");
      String path = "/v1/sessions/" + id;
      // Phase 2: admin reads while the admin path is still being compiled; kept for comparison.
      OpenLoop.Result cold = adminReads(daemon, path).run(Workload.ADMIN_RATE, warm);
      ctx.record("admin.cold_p99_ms", cold.latency().getValueAtPercentile(99) / 1e6);
      // Phase 3: probing only, warm: the daemon's steady cost.
      cpuWindow(daemon, id, phase, "daemon.");
      // Phase 4: probing + admin reads.
      OpenLoop reads = adminReads(daemon, path);
      OpenLoop.Result r = reads.run(Workload.ADMIN_RATE, phase);
      if (r.failed() > 0 || r.unmatched() > 0 || r.answered() < r.due()) {
        ctx.log(
            "  admin reads: %d due, %d answered, %d failed, %d without servicers",
            r.due(), r.answered(), r.failed(), r.unmatched());
      }
      ctx.record("admin.p50_ms", r.latency().getValueAtPercentile(50) / 1e6);
      ctx.record("admin.p99_ms", r.latency().getValueAtPercentile(99) / 1e6);
      ctx.record("admin.max_ms", r.latency().getMaxValue() / 1e6);
      ctx.record("admin.response_kib", responseBytes(daemon, path) / 1024.0);
    }
  }

  /** Records the daemon's probe rate and CPU per 10,000 probes over {@code window}. */
  private void cpuWindow(DaemonProcess daemon, String id, Duration window, String prefix)
      throws IOException, InterruptedException {
    Count p0 = probes(daemon, id);
    double c0 = Peers.seconds(daemon.cpu());
    Thread.sleep(window.toMillis());
    double c1 = Peers.seconds(daemon.cpu());
    Count p1 = probes(daemon, id);
    double wall = (p1.nanos() - p0.nanos()) / 1e9;
    long probes = p1.probes() - p0.probes();
    ctx.record(prefix + "probe_rate", probes / wall);
    ctx.record(prefix + "cpu_per_10k_s", (c1 - c0) / Math.max(1, probes) * 10_000);
    ctx.record(prefix + "cores_at_1000", (c1 - c0) / wall);
  }

  /**
   * An open-loop generator of GET {@code path}; counts answers without servicers in {@code bad}.
   */
  private static OpenLoop adminReads(DaemonProcess daemon, String path) {
    int port = daemon.port();
    return OpenLoop.expecting(
        new InetSocketAddress("127.0.0.1", port),
        8,
        () -> {
          DefaultFullHttpRequest r =
              new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
          r.headers().set(HttpHeaderNames.HOST, "127.0.0.1:" + port);
          return r;
        },
        "\"servicers\"");
  }

  /** A probe count and the instant it was true (midway through the request that read it). */
  private record Count(long probes, long nanos) {}

  private static Count probes(DaemonProcess daemon, String id)
      throws IOException, InterruptedException {
    long before = System.nanoTime();
    HttpResponse<String> r = Http.get(daemon.uri("/v1/sessions/" + id));
    long after = System.nanoTime();
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "GET /v1/sessions/" + id + ": " + r.statusCode() + " " + r.body());
    }
    long sum = 0;
    for (JsonNode s : JSON.readTree(r.body()).path("servicers")) {
      sum += s.path("probes").asLong();
    }
    return new Count(sum, before + (after - before) / 2);
  }

  private static long responseBytes(DaemonProcess daemon, String path)
      throws IOException, InterruptedException {
    return Http.get(daemon.uri(path)).body().getBytes(StandardCharsets.UTF_8).length;
  }

  /** Process start → first 200 from /readyz, several times; then the same with an AOT cache. */
  void startToReady() throws Exception {
    Path genesis = DaemonProcess.writeGenesis(ctx.workDir, "genesis-ready.json", 12, START_DELAY);
    int runs = ctx.options.quick() ? 2 : 5;
    ctx.commands.add(
        DaemonProcess.commandForDoc(jar) + "  # × " + runs + ", polling /readyz every 1 ms");
    ctx.setup.add(
        "Start to ready: the packaged daemon with the webhook source and a one-service genesis,"
            + " "
            + runs
            + " times; from just before the process is spawned to the first 200 from /readyz"
            + " (polled every millisecond), then stopped with SIGTERM.");
    for (int i = 1; i <= runs; i++) {
      ctx.record("daemon.ready_s", ready(genesis, "daemon-ready-" + i, List.of()));
    }
    jvmFloor(runs);
    if (Runtime.version().feature() >= 25) {
      // JDK 25's ahead-of-time cache (JEP 483/514): one training run that starts, gets ready
      // and stops, then the same measurement loading the cache.
      Path cache = ctx.workDir.resolve("fisherman.aot");
      ready(genesis, "daemon-aot-training", List.of("-XX:AOTCacheOutput=" + cache));
      if (Files.isRegularFile(cache)) {
        ctx.commands.add(
            "java -XX:AOTCacheOutput=fisherman.aot -jar ... (one training run), then"
                + " java -XX:AOTCache=fisherman.aot -jar ... × "
                + runs);
        for (int i = 1; i <= runs; i++) {
          ctx.record(
              "daemon.ready_aot_s",
              ready(genesis, "daemon-ready-aot-" + i, List.of("-XX:AOTCache=" + cache)));
        }
      }
    }
  }

  /** Starts the daemon, returns seconds to ready, stops it and waits for its exit. */
  private double ready(Path genesis, String name, List<String> extra) throws Exception {
    List<String> jvm = new ArrayList<>(ctx.options.daemonOpts());
    jvm.addAll(extra);
    try (DaemonProcess daemon =
        DaemonProcess.start(jar, genesis, ctx.workDir.resolve(name + ".log"), jvm)) {
      return daemon.awaitReady(Duration.ofSeconds(30)).toNanos() / 1e9;
    }
  }

  /** Without hyperfine: the mean of {@code runs} timed starts of {@code --version}, after one. */
  private void versionByHand(int runs) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = List.of(java, "-jar", jar.toString(), "--version");
    ctx.commands.add("java -jar " + jar + " --version   # × " + (runs + 1) + ", the first untimed");
    double sum = 0;
    for (int i = 0; i <= runs; i++) {
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor();
      if (i > 0) {
        sum += (System.nanoTime() - t0) / 1e9;
      }
    }
    ctx.record("daemon.version_s", sum / runs);
  }

  private static final Pattern MEAN = Pattern.compile("\"mean\":\\s*([0-9.eE+-]+)");

  /** hyperfine on {@code java -jar fisherman.jar --version}: what a bare JVM start costs here. */
  private void jvmFloor(int runs) throws Exception {
    if (!Tools.require(ctx, "hyperfine", "the JVM start floor")) {
      versionByHand(runs);
      return;
    }
    Path json = ctx.workDir.resolve("hyperfine.json");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd =
        List.of(
            "hyperfine",
            "-N",
            "--warmup",
            "1",
            "--runs",
            Integer.toString(runs),
            "--export-json",
            json.toString(),
            java + " -jar " + jar + " --version");
    ctx.commands.add(
        String.join(" ", cmd.subList(0, 6))
            + " '"
            + cmd.get(8).replace(java, "java")
            + "'   # JVM start floor");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      ctx.log("  hyperfine failed; skipping the JVM floor");
      return;
    }
    Matcher m = MEAN.matcher(Files.readString(json));
    if (m.find()) {
      ctx.record("daemon.version_s", Double.parseDouble(m.group(1)));
    }
  }
}
