package dev.fisherman.bench.load;

import dev.fisherman.bench.report.BenchmarksDoc;
import dev.fisherman.bench.report.BenchmarksDoc.MicroResult;
import dev.fisherman.bench.report.Machine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The load harness behind {@code make bench}: runs every scenario, then rewrites the doc. */
public final class Harness {
  private Harness() {}

  /** Runs the harness; returns the process exit code. */
  public static int main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      return 2;
    }
    Path workDir = Files.createTempDirectory("fisherman-bench-");
    Context ctx = new Context(options, workDir, System.err);
    ctx.log("work dir %s (process logs are kept there)", workDir);
    ctx.placeholders.put(workDir.toString(), "$WORK");
    ctx.commands.add("make bench   # which runs:");
    ctx.commands.add("./mvnw -B -ntp -q -Pbench -pl bench -am package -DskipTests");
    ctx.commands.add(
        "java -jar bench/target/fisherman-bench.jar --daemon-jar "
            + options.daemonJar()
            + " --out "
            + options.out()
            + (options.runs() != 3 ? " --runs " + options.runs() : "")
            + (options.quick() ? " --quick" : "")
            + (options.only().isEmpty() ? "" : " --only " + String.join(",", options.only())));
    ctx.commands.add("# ... which starts, among others:");
    int runs = options.runs();
    Duration window = options.quick() ? Duration.ofSeconds(2) : Duration.ofSeconds(5);

    jdk.jfr.Recording recording = null;
    if (options.jfr()) {
      recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
      recording.setDestination(workDir.resolve("harness.jfr"));
      // Rounds and fan-outs last milliseconds: sample every millisecond, not every 10 or 20.
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
      recording.start();
    }
    Quiet.await(ctx, Duration.ofSeconds(45));
    ctx.setup.add(
        String.format(
            java.util.Locale.ROOT,
            "The machine is shared: before each scenario run the harness waits (up to 45 s at the"
                + " start, 10 s later) until other processes use under %.2f cores; the"
                + " comparison table shows how busy they still were.",
            Quiet.MAX_BUSY_CORES));
    ctx.log("timer precision of this machine");
    TimerProbe.measure(ctx);
    List<MicroResult> micro = List.of();
    if (options.wants("micro")) {
      ctx.log("JMH microbenchmarks");
      micro = Micro.run(ctx);
    }

    boolean needServicer =
        Options.SCENARIOS.stream()
            .filter(x -> !x.equals("micro") && !x.equals("memory") && !x.equals("startup"))
            .filter(x -> !x.equals("selection"))
            .anyMatch(options::wants);
    if (needServicer) {
      try (ServicerProcess servicer = ServicerProcess.start(workDir, 1)) {
        ctx.log("servicer pid %d on %s", servicer.pid(), servicer.url());
        ctx.placeholders.put(":" + servicer.port() + "/", ":$SERVICER_PORT/");
        ctx.placeholders.put("%3A" + servicer.port() + "%2F", "%3A$SERVICER_PORT%2F");
        ctx.commands.add(
            "java -Xms256m -Xmx256m -XX:+UseParallelGC -cp bench/target/fisherman-bench.jar"
                + " dev.fisherman.bench.BenchMain servicer 1   # the servicer, on a free port");
        ctx.setup.add(
            "One servicer process (`BenchMain servicer`, Netty NIO, one event loop) answers every"
                + " prober on loopback: fisherman, wrk and blackbox_exporter hit the same port in"
                + " the same run. Its injected delay is "
                + Workload.DELAY.toMillis()
                + " ms where overhead is measured and 0 for throughput and fan-out.");
        Peers peers = new Peers(ctx, servicer);
        EngineScenarios engine = new EngineScenarios(ctx, servicer);
        DaemonScenarios daemon = options.wants("admin") ? new DaemonScenarios(ctx, servicer) : null;
        try {
          if (options.wants("overhead") || options.wants("throughput")) {
            ctx.log("engine warm-up (not recorded)");
            ctx.warmingUp(true);
            engine.overheadAndLateness(0);
            ctx.warmingUp(false);
          }
          for (int run = 1; run <= runs; run++) {
            if (options.wants("throughput")) {
              Quiet.await(ctx, Duration.ofSeconds(10));
              ctx.log("throughput run %d/%d", run, runs);
              engine.throughput(run, window);
              peers.wrkThroughput(window);
            }
            if (options.wants("overhead")) {
              Quiet.await(ctx, Duration.ofSeconds(10));
              ctx.log("overhead run %d/%d", run, runs);
              engine.overheadAndLateness(run);
              peers.blackboxOverhead(Workload.PROBE_RATE, window.multipliedBy(2));
            }
            if (options.wants("fanout")) {
              Quiet.await(ctx, Duration.ofSeconds(10));
              ctx.log("fan-out run %d/%d", run, runs);
              engine.fanOut(run);
            }
            if (daemon != null) {
              Quiet.await(ctx, Duration.ofSeconds(10));
              ctx.log("admin run %d/%d", run, runs);
              daemon.adminUnderProbing(run);
            }
            if (options.wants("lowrate")) {
              Quiet.await(ctx, Duration.ofSeconds(10));
              ctx.log("low-rate run %d/%d", run, runs);
              new LowRateScenario(ctx, servicer).run(run);
            }
          }
          for (int run = 1; options.wants("scale") && run <= runs; run++) {
            Quiet.await(ctx, Duration.ofSeconds(10));
            ctx.log("scale run %d/%d", run, runs);
            new ScaleScenario(ctx, servicer).run(run);
          }
        } finally {
          peers.close();
        }
      }
    }
    if (options.wants("memory")) {
      for (int run = 1; run <= runs; run++) {
        ctx.log("memory run %d/%d", run, runs);
        MemoryScenario.run(ctx, run);
      }
    }
    if (options.wants("selection")) {
      for (int run = 1; run <= runs; run++) {
        Quiet.await(ctx, Duration.ofSeconds(10));
        ctx.log("selection run %d/%d", run, runs);
        SelectionScenario.run(ctx, run);
      }
    }
    if (options.wants("startup")) {
      Quiet.await(ctx, Duration.ofSeconds(10));
      ctx.log("start to ready");
      new DaemonScenarios(ctx, null).startToReady();
    }

    if (recording != null) {
      recording.stop();
      recording.close();
      ctx.log("flight recordings in %s", workDir);
    }
    BenchmarksDoc doc = new BenchmarksDoc(Machine.current(), revision());
    Figures.addAll(ctx, doc);
    if (!micro.isEmpty()) {
      doc.micro(Micro.command(options.quick()), micro);
    }
    doc.write(options.out());
    ctx.log("wrote %s", options.out());
    return 0;
  }

  /** Runs one of the harness's child-process modes. */
  public static void child(String mode, String[] args) throws Exception {
    if (mode.equals("memory")) {
      MemoryScenario.child(args);
      return;
    }
    if (mode.equals("reputation-memory")) {
      SelectionScenario.memoryChild(args);
      return;
    }
    if (mode.equals("get")) {
      // A diagnostic: open-loop GETs of one URL, e.g. `get http://127.0.0.1:8081/healthz 500 5`.
      java.net.URI u = java.net.URI.create(args[0]);
      OpenLoop loop =
          new OpenLoop(
              new java.net.InetSocketAddress(u.getHost(), u.getPort()),
              8,
              () -> {
                var r =
                    new io.netty.handler.codec.http.DefaultFullHttpRequest(
                        io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                        io.netty.handler.codec.http.HttpMethod.GET,
                        u.getRawPath());
                r.headers().set("host", u.getHost() + ":" + u.getPort());
                return r;
              },
              null);
      OpenLoop.Result r =
          loop.run(Double.parseDouble(args[1]), Duration.ofSeconds(Long.parseLong(args[2])));
      System.out.printf(
          "due %d answered %d failed %d p50 %.3f ms p99 %.3f ms max %.3f ms%n",
          r.due(),
          r.answered(),
          r.failed(),
          r.latency().getValueAtPercentile(50) / 1e6,
          r.latency().getValueAtPercentile(99) / 1e6,
          r.latency().getMaxValue() / 1e6);
      return;
    }
    throw new IllegalArgumentException("mode: " + mode + " (expected: run, servicer, memory)");
  }

  private static String revision() {
    try {
      Process p =
          new ProcessBuilder("git", "describe", "--always", "--dirty")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
