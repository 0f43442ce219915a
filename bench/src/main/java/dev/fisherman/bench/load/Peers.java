package dev.fisherman.bench.load;

import java.time.Duration;

/**
 * The peers fisherman is compared with, against the same servicer in the same run: {@code wrk} for
 * raw keep-alive throughput and {@code prometheus-blackbox-exporter} for per-probe overhead and CPU
 * cost.
 */
final class Peers {
  private final Context ctx;
  private final ServicerProcess servicer;
  private final Wrk wrk;
  private Blackbox blackbox;

  Peers(Context ctx, ServicerProcess servicer) throws Exception {
    this.ctx = ctx;
    this.servicer = servicer;
    this.wrk = new Wrk(ctx.workDir, Workload.BODY);
  }

  /** wrk at full speed on keep-alive connections; records requests/s. */
  double wrkThroughput(Duration length) {
    if (!Tools.require(ctx, "wrk", "the wrk comparison")) {
      return Double.NaN;
    }
    servicer.delay(Duration.ZERO);
    int threads = 2;
    int connections = 32;
    if (ctx.commands.stream().noneMatch(c -> c.startsWith("wrk "))) {
      ctx.commands.add(String.join(" ", wrk.command(threads, connections, length, servicer.url())));
    }
    double cpu0 = seconds(servicer.cpu());
    long t0 = System.nanoTime();
    Wrk.Result r = wrk.run(threads, connections, length, servicer.url());
    double wall = (System.nanoTime() - t0) / 1e9;
    if (r.non2xx() > 0) {
      throw new IllegalStateException("wrk saw " + r.non2xx() + " non-2xx answers");
    }
    ctx.record("wrk.rps", r.requestsPerSecond());
    ctx.record("wrk.servicer_cores", (seconds(servicer.cpu()) - cpu0) / wall);
    return r.requestsPerSecond();
  }

  /** blackbox_exporter probing at {@code rate}/s; records overhead percentiles and CPU. */
  void blackboxOverhead(double rate, Duration length) throws Exception {
    if (!Tools.require(ctx, Blackbox.BINARY, "the blackbox_exporter columns")) {
      return;
    }
    if (blackbox == null) {
      blackbox = Blackbox.start(ctx.workDir, Workload.BODY);
      ctx.commands.add(String.join(" ", blackbox.command()));
      ctx.commands.add(
          "GET http://127.0.0.1:<port>"
              + blackbox.probePath(servicer.url())
              + "  # "
              + (int) rate
              + "/s, open loop, 32 keep-alive connections");
      String first = blackbox.probeOnce(servicer.url());
      if (!first.contains("probe_success 1")) {
        throw new IllegalStateException("blackbox_exporter probe failed:\n" + first);
      }
    }
    servicer.delay(Workload.DELAY);
    // A short warm-up so the exporter's first goroutines and connections are not measured.
    blackbox.drive(servicer.url(), rate, Duration.ofSeconds(1));
    servicer.takeSlack();
    servicer.takeHeld();
    Blackbox.Result r = blackbox.drive(servicer.url(), rate, length);
    long delay = Workload.DELAY.toNanos();
    ctx.record(
        "blackbox.overhead_injected_p50_us",
        (r.measuredNanos().getValueAtPercentile(50) - delay) / 1e3);
    ctx.record(
        "blackbox.overhead_injected_p99_us",
        (r.measuredNanos().getValueAtPercentile(99) - delay) / 1e3);
    ctx.record("blackbox.cpu_per_10k_s", r.cpuSeconds() / r.probes() * 10_000);
    ctx.record("blackbox.failed", r.failed());
    ServicerProcess.Timing s = servicer.takeSlack();
    ctx.record("servicer.slack_p50_us", s.p50() / 1e3);
    ctx.record("servicer.slack_p99_us", s.p99() / 1e3);
    // The same method as the engine's figure: each percentile less the servicer's held time there.
    ServicerProcess.Timing h = servicer.takeHeld();
    ctx.record(
        "blackbox.overhead_p50_us", (r.measuredNanos().getValueAtPercentile(50) - h.p50()) / 1e3);
    ctx.record(
        "blackbox.overhead_p99_us", (r.measuredNanos().getValueAtPercentile(99) - h.p99()) / 1e3);
  }

  void close() {
    if (blackbox != null) {
      blackbox.close();
    }
  }

  static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
