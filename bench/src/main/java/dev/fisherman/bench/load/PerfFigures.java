package dev.fisherman.bench.load;

import dev.fisherman.bench.report.Bar;
import dev.fisherman.bench.report.BenchmarksDoc;
import dev.fisherman.bench.report.Figure;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The figures of the low-rate and scale scenarios ({@link LowRateScenario}, {@link ScaleScenario}).
 */
final class PerfFigures {
  private PerfFigures() {}

  static void bars(Runs r, BenchmarksDoc doc) {
    double version = r.median("daemon.version_s");
    if (!r.of("daemon.ready_s").isEmpty() && !Double.isNaN(version)) {
      List<Double> multiple = new java.util.ArrayList<>();
      for (double ready : r.of("daemon.ready_s")) {
        multiple.add(ready / version);
      }
      doc.bar(
          new Figure(
              "start to ready, as a multiple of `java -jar fisherman.jar --version`",
              "×",
              Optional.of(Bar.atMost(1.2, "<= 1.2×")),
              multiple,
              f(
                  "A bare `--version` takes %.2f s here; start to ready %.2f s, of which the"
                      + " probe path warm-up (an in-process servicer, at most 200 probes or 2 s)"
                      + " runs beside loading genesis, Netty and Micrometer and binding the admin"
                      + " port.",
                  version, r.median("daemon.ready_s")),
              f(
                  "loading and linking the daemon's classes in interpreted code, plus the"
                      + " warm-up, costs %.2f s more than the bare JVM and picocli; the AOT cache"
                      + " below removes most of the loading (%.2f s to ready with it).",
                  r.median("daemon.ready_s") - version, r.median("daemon.ready_aot_s"))));
    }
    if (!r.of("daemon.ready_aot_s").isEmpty()) {
      doc.bar(
          new Figure(
              "start to ready with the JDK AOT cache (-XX:AOTCache, JDK 25)",
              "s",
              Optional.of(Bar.atMost(1.0, "<= 1.0 s")),
              r.of("daemon.ready_aot_s"),
              "One training run of the daemon (what `make package` does with"
                  + " bin/make-aot-cache) writes the cache: classes loaded and linked ahead of"
                  + " time, and the method profiles of the training's warm-up.",
              "what is left is the warm-up's probes and the code the cache cannot hold (lambdas"
                  + " spun at run time, the admin port's bind); a shorter warm-up when the cache"
                  + " carries profiles would close it."));
    }
    if (!r.of("lowrate.overhead_p50_us").isEmpty()) {
      doc.bar(
          new Figure(
              "overhead above a reference keep-alive client, 1 probe/s per servicer, p50",
              "µs",
              Optional.of(Bar.atMost(150, "<= 150 µs")),
              r.of("lowrate.overhead_p50_us"),
              f(
                  "Fisherman p50 %.0f µs against the reference's %.0f µs in the same seconds."
                      + " Fisherman's latency spans the socket write of the request to the socket"
                      + " read of the answer (WireStamps); what is left is waking its idle event"
                      + " loop for the answer (selector wake-up, %.0f µs at p50 for a parked"
                      + " thread here) against a reference thread blocked in read().",
                  r.median("lowrate.fisherman_p50_us"),
                  r.median("lowrate.reference_p50_us"),
                  r.median("machine.park_overshoot_p50_us")),
              f(
                  "the daemon's p50 (%.0f µs) stays above the reference's (%.0f µs): at one"
                      + " probe per second the event loop sleeps in epoll between probes and"
                      + " wakes for every answer; a busy-polling loop (costing a core) or a"
                      + " quieter machine would close it.",
                  r.median("lowrate.fisherman_p50_us"), r.median("lowrate.reference_p50_us"))));
      doc.bar(
          new Figure(
              "overhead above a reference keep-alive client, 1 probe/s per servicer, p99",
              "µs",
              Optional.of(Bar.atMost(1000, "<= 1 ms")),
              r.of("lowrate.overhead_p99_us"),
              f(
                  "Over %.0f ok probes per run: fisherman p99 %.0f µs, reference p99 %.0f µs;"
                      + " the tail is where a process waited for a core when the answer landed.",
                  r.median("lowrate.probes_ok"),
                  r.median("lowrate.fisherman_p99_us"),
                  r.median("lowrate.reference_p99_us")),
              f(
                  "the tail (%.0f µs) is set by the event loops, the servicer and the reference"
                      + " sharing two cores with everything else that runs: the daemon's loops"
                      + " wait for a core when an answer lands; more cores, or pinning, would"
                      + " close it.",
                  r.median("lowrate.fisherman_p99_us"))));
      doc.bar(
          new Figure(
              "overhead of the first probe of a session above the reference",
              "ms",
              Optional.of(Bar.atMost(2, "<= 2 ms")),
              r.of("lowrate.first_overhead_ms"),
              f(
                  "The p50 of the sessions' first probes (%.0f µs; the slowest %.0f µs) minus"
                      + " the reference's p50: the"
                      + " connections were opened at admission and the probe path was warmed on an"
                      + " in-process servicer before /readyz said ready, so the first round runs"
                      + " on ready connections and compiled code.",
                  r.median("lowrate.first_probe_p50_us"), r.median("lowrate.first_probe_max_us")),
              "the first round's slowest probe still carries cold code on the read path;"
                  + " a longer warm-up or an AOT cache with method profiles would close it."));
    }
    if (!r.of("scale.cpu_share").isEmpty()) {
      doc.bar(
          new Figure(
              "10,000 servicers at 1 probe/10 s: daemon CPU",
              "% of a core",
              Optional.of(Bar.atMost(5, "<= 5%")),
              r.of("scale.cpu_share"),
              f(
                  "%,.0f probes/s over %.0f sessions; the whole process (probing, store, judges,"
                      + " reputation, metrics, JIT, GC) over a %.0f s window starting 70 s after"
                      + " the sessions were posted, no admin reads. Of it the JIT compiler"
                      + " threads used %.1f%% of a core (%.2f CPU s per 10,000 probes in all)."
                      + " 22 s after posting, the window this figure used to be read in, the"
                      + " process used %.2f CPU s per 10,000 probes, %.1f%% of a core of it the"
                      + " JIT compiler's: each session rounds every 10 s, so the 100 sessions"
                      + " run the round paths ten times a second and C2 compiles them during"
                      + " the first minute.",
                  r.median("scale.probe_rate"),
                  r.median("scale.sessions"),
                  r.median("scale.window_s"),
                  r.median("scale.jit_cpu_share"),
                  r.median("scale.cpu_per_10k_s"),
                  r.median("scale.cold_cpu_per_10k_s"),
                  r.median("scale.cold_jit_cpu_share")),
              f(
                  "1,000 probes/s cost the daemon %.1f%% of a core here (%.2f CPU s per 10,000"
                      + " probes), %.1f%% of it the JIT compiler still compiling; the rest is the"
                      + " probe loops (one write and at least one read syscall and an event-loop"
                      + " wake-up per probe on NIO, HTTP decoding, the response check), the"
                      + " round thread and GC. The same process probing one session of 100"
                      + " servicers at the same rate costs %.2f (admin scenario, warm). An AOT"
                      + " cache trained on rounds (method profiles) would take the JIT's share"
                      + " out of the first minute; Netty's native epoll transport (not available"
                      + " here) would cut the NIO selector's work per wake-up.",
                  r.median("scale.cpu_share"),
                  r.median("scale.cpu_per_10k_s"),
                  r.median("scale.jit_cpu_share"),
                  r.median("daemon.cpu_per_10k_s"))));
    }
    if (!r.of("scale.admin_p99_ms").isEmpty()) {
      doc.bar(
          new Figure(
              "admin ranking and selection p99 with 10,000 servicers, while probing",
              "ms",
              Optional.of(Bar.atMost(5, "<= 5 ms")),
              r.of("scale.admin_p99_ms"),
              f(
                  "The worse of GET /v1/services/eth/select?n=5 (p50 %.2f ms, p99 %.2f ms, %.0f µs"
                      + " of daemon CPU per request) and GET /v1/services/eth/ranking, the default"
                      + " answer of the best 100 and up to 100 excluded (%.1f KiB; all 10,000 with"
                      + " ?limit=10000 are %.0f KiB) (p50 %.2f ms, p99 %.2f ms, %.2f ms of daemon CPU"
                      + " per request). Selection draws (a binary search of running weight sums)"
                      + " from a pool made ahead on a thread of its own after rounds are recorded"
                      + " (the pass over the 10,000 candidates is off the request, at most four a"
                      + " second); ranking cuts and renders a view of the service's servicers"
                      + " in order, made again off the admin loop once it is half a second old and"
                      + " never served past a second. The first ranking after a quiet second makes"
                      + " the view on the request: %.1f ms.",
                  r.median("scale.select_p50_ms"),
                  r.median("scale.select_p99_ms"),
                  r.median("scale.select_cpu_us"),
                  r.median("scale.ranking_kib"),
                  r.median("scale.ranking_all_kib"),
                  r.median("scale.ranking_p50_ms"),
                  r.median("scale.ranking_p99_ms"),
                  r.median("scale.ranking_cpu_ms"),
                  r.median("scale.ranking_first_ms")),
              f(
                  "a request waits on the admin loop behind whatever else it runs (a ranking"
                      + " rendered, a /metrics scrape) and, on two cores, behind the probing and"
                      + " the threads that make the views and pools: GET /healthz, which does no"
                      + " work, took p50 %.2f ms and p99 %.2f ms in the same conditions. The"
                      + " ranking view costs %.1f ms"
                      + " to make at 10,000 servicers (the first ranking after a quiet second pays"
                      + " it on the request), mostly the snapshot of every servicer and the sort,"
                      + " which an incrementally kept order would remove; the selection pool is"
                      + " made again after recorded rounds (at most four times a second), CPU"
                      + " rather than latency, which a pool updated per recorded servicer would"
                      + " remove.",
                  r.median("scale.healthz_p50_ms"),
                  r.median("scale.healthz_p99_ms"),
                  r.median("scale.ranking_first_ms"))));
    }
  }

  static void others(Runs r, BenchmarksDoc doc) {
    other(doc, "low rate: reference client p50", "µs", r.of("lowrate.reference_p50_us"));
    other(doc, "low rate: reference client p99", "µs", r.of("lowrate.reference_p99_us"));
    other(doc, "low rate: fisherman p50", "µs", r.of("lowrate.fisherman_p50_us"));
    other(doc, "low rate: fisherman p99", "µs", r.of("lowrate.fisherman_p99_us"));
    other(
        doc,
        "low rate: steady overhead p50 (rounds 2 on)",
        "µs",
        r.of("lowrate.steady_overhead_p50_us"));
    other(doc, "low rate: first probes p50", "µs", r.of("lowrate.first_probe_p50_us"));
    other(doc, "low rate: slowest first probe", "µs", r.of("lowrate.first_probe_max_us"));
    other(doc, "scale: probes/s", "probes/s", r.of("scale.probe_rate"));
    other(doc, "scale: daemon heap after GC", "MiB", r.of("scale.heap_mib"));
    other(doc, "scale: daemon CPU per 10,000 probes", "CPU s", r.of("scale.cpu_per_10k_s"));
    other(
        doc,
        "scale: JIT compiler threads' CPU in the same window",
        "% of a core",
        r.of("scale.jit_cpu_share"));
    other(
        doc,
        "scale: daemon CPU per 10,000 probes, 22 s after the sessions were posted (JIT compiling)",
        "CPU s",
        r.of("scale.cold_cpu_per_10k_s"));
    other(
        doc,
        "scale: JIT compiler threads' CPU in that early window",
        "% of a core",
        r.of("scale.cold_jit_cpu_share"));
    other(doc, "scale: ranking p50", "ms", r.of("scale.ranking_p50_ms"));
    other(doc, "scale: ranking p99", "ms", r.of("scale.ranking_p99_ms"));
    other(doc, "scale: ranking answer (default, best 100)", "KiB", r.of("scale.ranking_kib"));
    other(doc, "scale: ranking answer, ?limit=10000", "KiB", r.of("scale.ranking_all_kib"));
    other(doc, "scale: first ranking after a quiet second", "ms", r.of("scale.ranking_first_ms"));
    other(doc, "scale: ranking daemon CPU per request", "ms", r.of("scale.ranking_cpu_ms"));
    other(doc, "scale: selection daemon CPU per request", "µs", r.of("scale.select_cpu_us"));
    other(doc, "scale: GET /healthz p50 (the admin floor)", "ms", r.of("scale.healthz_p50_ms"));
    other(doc, "scale: GET /healthz p99 (the admin floor)", "ms", r.of("scale.healthz_p99_ms"));
    other(doc, "scale: selection p50", "ms", r.of("scale.select_p50_ms"));
    other(doc, "scale: selection p99", "ms", r.of("scale.select_p99_ms"));
  }

  private static void other(BenchmarksDoc doc, String name, String unit, List<Double> runs) {
    if (!runs.isEmpty()) {
      doc.other(new Figure(name, unit, Optional.empty(), runs, "", ""));
    }
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
