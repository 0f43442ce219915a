package dev.fisherman.bench.load;

import dev.fisherman.bench.report.Bar;
import dev.fisherman.bench.report.BenchmarksDoc;
import dev.fisherman.bench.report.Figure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the recorded runs into the doc's figures. Each figure says what limits it, from the numbers
 * of this very run where they tell (CPU shares, servicer timer slack, JVM start floor), and a
 * missed bar says why and what would close it.
 */
final class Figures {
  private Figures() {}

  static void addAll(Context ctx, BenchmarksDoc doc) {
    Runs r = ctx.runs;
    ratio(r, "fisherman.rps", "wrk.rps", "throughput.ratio");

    doc.bar(
        new Figure(
            "sustained probes/s (keep-alive, loopback)",
            "probes/s",
            Optional.of(Bar.atLeast(20_000, ">= 20,000")),
            r.of("fisherman.rps"),
            f(
                "Two cores for prober and servicer together: during the fisherman run the harness"
                    + " JVM used %.2f cores and the servicer %.2f; every probe allocates an"
                    + " Observation, a future and a label and classifies the JSON-RPC body, which"
                    + " wrk (C, no body parsing, %.0f%% of its requests/s here) does not. The"
                    + " servicer, not the client, is the ceiling for wrk (%.2f cores).",
                r.median("fisherman.client_cores"),
                r.median("fisherman.servicer_cores"),
                100 * r.median("throughput.ratio"),
                r.median("wrk.servicer_cores")),
            "the relay client cannot keep up with the servicer on this machine; profile the"
                + " closed loop (allocation per probe, JSON-RPC check) and cut per-probe work."));

    double slack50 = r.median("servicer.engine_slack_p50_us");
    double slack99 = r.median("servicer.engine_slack_p99_us");
    String method =
        " The servicer times each answer it holds (request decoded → answer written) and the"
            + " figure subtracts that distribution from the measured one at the same percentile:"
            + " neither the engine's timer nor blackbox_exporter's answer says which request a"
            + " latency belongs to, so this is percentile by percentile, not probe by probe.";
    doc.bar(
        new Figure(
            "measurement overhead p50 (measured − delay the servicer held), 1,000 probes/s",
            "µs",
            Optional.of(Bar.atMost(150, "<= 150 µs")),
            r.of("engine.overhead_p50_us"),
            f(
                "The loopback round trip both ways, both HTTP codecs, the servicer's write and"
                    + " the engine's event loop waking up for the answer and parsing it. Against"
                    + " the injected delay instead, the figure is %.0f µs: the servicer held its"
                    + " answers %.0f µs longer than asked at p50 (%.0f µs at p99), its timer's"
                    + " slack on this machine."
                    + method,
                r.median("engine.overhead_injected_p50_us"),
                slack50,
                slack99),
            f(
                "what is left is loopback, both HTTP codecs and waking an idle event loop when"
                    + " the answer lands (a sleeping thread wakes %.0f µs late here at p50);"
                    + " busy-polling event loops in the prober would cut the wake-up, at the cost"
                    + " of a core.",
                r.median("machine.park_overshoot_p50_us"))));
    doc.bar(
        new Figure(
            "measurement overhead p99 (measured − delay the servicer held), 1,000 probes/s",
            "µs",
            Optional.of(Bar.atMost(1_000, "<= 1,000 µs")),
            r.of("engine.overhead_p99_us"),
            f(
                "The tail is set by whatever stalls a probe's event loop or the servicer between"
                    + " send and answer: garbage collection and JIT compilation in either JVM, and"
                    + " the other process on the same two cores. Against the injected delay the"
                    + " figure is %.0f µs.",
                r.median("engine.overhead_injected_p99_us")),
            f(
                "the tail follows this machine's wake-up tail (%.0f µs at p99 for a 1 ms sleep);"
                    + " both processes share two cores with each other and with whatever else"
                    + " runs. Pinning servicer and prober to their own cores (a machine with"
                    + " more than two) is what would close it.",
                r.median("machine.park_overshoot_p99_us"))));
    doc.bar(
        new Figure(
            "round lateness p99 (actual − intended send), 1,000 probes/s",
            "µs",
            Optional.of(Bar.atMost(1_000, "<= 1,000 µs")),
            r.of("engine.lateness_p99_us"),
            f(
                "The round scheduler parks until 150 µs before a round and spins the rest, so"
                    + " lateness is the hand-off from the scheduler thread to the event loops"
                    + " plus the queue of earlier probes of the same round (p50 %.0f µs, worst"
                    + " %.0f µs).",
                r.median("engine.lateness_p50_us"), r.median("engine.lateness_max_us")),
            f(
                "lateness p50 is already %.0f µs: the round scheduler spins only the last 150"
                    + " µs before a round, and a parked thread overshoots its deadline by %.0f µs"
                    + " at p50 and %.0f µs at p99 on this machine, and the hand-off to the event"
                    + " loops adds a thread wake-up (%.0f µs at p99 here). Spinning longer"
                    + " before each round (the cost is CPU: 50 rounds/s × the spin) and keeping"
                    + " event loops awake while a round is due would close it.",
                r.median("engine.lateness_p50_us"),
                r.median("machine.park_overshoot_p50_us"),
                r.median("machine.park_overshoot_p99_us"),
                r.median("machine.unpark_p99_us"))));
    doc.bar(
        new Figure(
            "fan-out skew p99, 1,000 servicers in one round",
            "ms",
            Optional.of(Bar.atMost(5, "<= 5 ms")),
            r.of("engine.fanout_p99_ms"),
            f(
                "Over all five rounds; the connections are opened when the session is admitted,"
                    + " so the first round sends on ready connections too (%d event loops); with"
                    + " rounds 2-5 alone the p99 offset is %.2f ms. The worst round's first-to-last"
                    + " send is %.1f ms.",
                EngineScenarios.LOOPS,
                r.median("engine.fanout_warm_p99_ms"),
                r.median("engine.fanout_max_ms")),
            f(
                "the round's request is encoded once and each loop writes its ~%d requests"
                    + " first and flushes them back to back, but every connection still needs"
                    + " its own write syscall, on %d loops that share two cores with the servicer"
                    + " answering the first requests; rounds 2-5 reach %.1f ms. More cores (more"
                    + " loops) would close it.",
                EngineScenarios.FANOUT_SERVICERS / EngineScenarios.LOOPS,
                EngineScenarios.LOOPS,
                r.median("engine.fanout_warm_p99_ms"))));
    doc.bar(
        new Figure(
            "heap per (session, servicer) record, 100,000 records",
            "bytes",
            Optional.of(Bar.atMost(1024, "<= 1 KiB")),
            r.of("memory.bytes_per_record"),
            f(
                "Roughly: the ring of the last five observations (256 bytes: six longs each; a"
                    + " detail text, JSON-RPC error code or attestation gets its slots only once"
                    + " one arrives), the aggregate object (120), the address string (~90, the"
                    + " session's own here), the ok-latency array sized to the plan (64; outcome"
                    + " counts other than ok only once one occurs) and the session's address"
                    + " index (~12). The URL (~450 bytes as a java.net.URI) and the address are"
                    + " shared with the servicer's records in other sessions through a bounded"
                    + " interner (8,192 of each); with new URLs in every session a record takes"
                    + " %.0f bytes (comparison table).",
                r.median("memory.bytes_per_record_new_urls")),
            "the record keeps more than the bar allows; pack the observation ring tighter"
                + " (timings in fewer bits, heights as offsets) or keep fewer recent observations."));
    doc.bar(
        new Figure(
            "admin GET /v1/sessions/{id} p99 at 500/s while probing 1,000/s",
            "ms",
            Optional.of(Bar.atMost(10, "<= 10 ms")),
            r.of("admin.p99_ms"),
            f(
                "Each answer renders a %d-servicer session (%.0f KiB of JSON) through a Jackson"
                    + " tree; latency counts from the intended send of an open-loop generator, so"
                    + " any queueing shows (p50 %.2f ms, worst %.1f ms). Measured on a warm daemon"
                    + " (after 8 s of probing and 4 s of reads); the comparison table has the p99"
                    + " of the first reads, while the JIT still compiles.",
                DaemonScenarios.SERVICERS,
                r.median("admin.response_kib"),
                r.median("admin.p50_ms"),
                r.median("admin.max_ms")),
            f(
                "the median request takes %.2f ms, but every few seconds a stall (the worst"
                    + " request waited %.0f ms) holds every request queued behind it; see the"
                    + " profile below for where it comes from. Rendering from a streaming"
                    + " generator (about half the tree's cost in the JMH table) or caching the"
                    + " rendered report for a few milliseconds lowers the steady cost, not the"
                    + " stalls.",
                r.median("admin.p50_ms"), r.median("admin.max_ms"))));
    doc.bar(
        new Figure(
            "start to ready (process start → /readyz 200)",
            "s",
            Optional.of(Bar.atMost(1.5, "<= 1.5 s")),
            r.of("daemon.ready_s"),
            f(
                "A bare `java -jar fisherman.jar --version` takes %.2f s here (JVM start, class"
                    + " loading from the shaded jar, picocli); the rest is loading genesis, Netty"
                    + " and Micrometer classes and binding the admin port, all in interpreted"
                    + " code.",
                r.median("daemon.version_s")),
            f(
                "class loading and interpreted start-up dominate (a bare `--version` already takes"
                    + " %.2f s here), and the probe path warm-up (at most 2 s) runs before ready."
                    + " With the JDK's ahead-of-time cache that `make package` ships (one"
                    + " training run) the same start takes %.2f s.",
                r.median("daemon.version_s"), r.median("daemon.ready_aot_s"))));

    PerfFigures.bars(r, doc);
    PerfFigures.others(r, doc);

    other(
        doc,
        "this machine: parkNanos(1 ms) overshoot p50",
        "µs",
        r.of("machine.park_overshoot_p50_us"),
        "");
    other(
        doc,
        "this machine: parkNanos(1 ms) overshoot p99",
        "µs",
        r.of("machine.park_overshoot_p99_us"),
        "How late a sleeping thread wakes on this machine; every timer in the prober, the"
            + " servicer and the load generators carries it unless it spins.");
    other(doc, "this machine: unpark → running p50", "µs", r.of("machine.unpark_p50_us"), "");
    other(
        doc,
        "this machine: unpark → running p99",
        "µs",
        r.of("machine.unpark_p99_us"),
        "The cost of handing work to another thread (scheduler → event loop, timer → event"
            + " loop).");
    other(
        doc,
        "this machine: cores other processes used before a scenario run",
        "cores",
        r.of("machine.background_cores"),
        "Other sessions build and test on the same two cores; a run that starts busy shows in"
            + " the max column of the latency figures.");
    other(doc, "wrk requests/s, same servicer", "requests/s", r.of("wrk.rps"), "");
    other(
        doc,
        "fisherman / wrk throughput",
        "×",
        r.of("throughput.ratio"),
        "wrk is the ceiling of the servicer itself; the ratio is the share of it a probe with"
            + " full JSON-RPC checking reaches.");
    other(
        doc,
        "fisherman overhead p50 against the injected delay, 1,000 probes/s",
        "µs",
        r.of("engine.overhead_injected_p50_us"),
        "");
    other(
        doc,
        "fisherman overhead p99 against the injected delay, 1,000 probes/s",
        "µs",
        r.of("engine.overhead_injected_p99_us"),
        "");
    other(
        doc,
        "blackbox_exporter overhead p50 against the injected delay, 1,000 probes/s",
        "µs",
        r.of("blackbox.overhead_injected_p50_us"),
        "");
    other(
        doc,
        "blackbox_exporter overhead p99 against the injected delay, 1,000 probes/s",
        "µs",
        r.of("blackbox.overhead_injected_p99_us"),
        "");
    other(
        doc,
        "blackbox_exporter overhead p50 (measured − delay the servicer held), 1,000 probes/s",
        "µs",
        r.of("blackbox.overhead_p50_us"),
        "The same method as the fisherman bar: the servicer's held time during the exporter's"
            + " run, subtracted at the same percentile.");
    other(
        doc,
        "blackbox_exporter overhead p99 (measured − delay the servicer held), 1,000 probes/s",
        "µs",
        r.of("blackbox.overhead_p99_us"),
        "blackbox_exporter opens a fresh connection per probe and is driven through its own HTTP"
            + " endpoint, so its figures include a TCP handshake and its scrape handling; that is"
            + " how it is deployed.");
    other(
        doc,
        "fisherman daemon CPU per 10,000 probes, warm (after the first 12 s)",
        "CPU s",
        r.of("daemon.cpu_per_10k_s"),
        "");
    other(
        doc,
        "fisherman daemon CPU per 10,000 probes, first 8 s of probing (JIT compiling)",
        "CPU s",
        r.of("daemon.cold_cpu_per_10k_s"),
        "At 1,000 probes/s the probe path takes several seconds to reach the C2 compiler's"
            + " thresholds; until then the C2 compiler thread uses most of the process's CPU (2.5"
            + " of 3.0 CPU s in a profiled 8 s window, against 0.4 for the probe event loops).");
    other(
        doc,
        "fisherman engine (in-process) CPU per 10,000 probes",
        "CPU s",
        r.of("engine.cpu_per_10k_s"),
        "");
    other(
        doc,
        "blackbox_exporter CPU per 10,000 probes",
        "CPU s",
        r.of("blackbox.cpu_per_10k_s"),
        "CPU per probe: the daemon figure is the whole process at 1,000 probes/s (probing,"
            + " store, metrics, GC, what is left of JIT compilation); the blackbox figure is the exporter process while driven"
            + " at the same rate.");
    other(doc, "round lateness p50, 1,000 probes/s", "µs", r.of("engine.lateness_p50_us"), "");
    other(
        doc,
        "fan-out skew p99, warm connections (rounds 2-5)",
        "ms",
        r.of("engine.fanout_warm_p99_ms"),
        "");
    other(
        doc, "fan-out skew, worst round first → last send", "ms", r.of("engine.fanout_max_ms"), "");
    other(
        doc,
        "servicer timer slack p50 during the fisherman run",
        "µs",
        r.of("servicer.engine_slack_p50_us"),
        "");
    other(
        doc,
        "servicer timer slack p99 during the fisherman run",
        "µs",
        r.of("servicer.engine_slack_p99_us"),
        "");
    other(
        doc,
        "heap per (session, servicer) record, 100,000 records, new URLs in every session",
        "bytes",
        r.of("memory.bytes_per_record_new_urls"),
        "The same fill with no servicer recurring across sessions: every record holds a URI of"
            + " its own (~450 bytes: java.net.URI keeps the whole string and each component as"
            + " separate strings).");
    other(doc, "admin GET p50", "ms", r.of("admin.p50_ms"), "");
    other(
        doc,
        "admin GET p99 during the first 4 s of reads (admin path still compiling)",
        "ms",
        r.of("admin.cold_p99_ms"),
        "The first reads run the admin path interpreted and compete with the C2 compiler for the"
            + " two cores; the bar is judged on the daemon once warm.");
    other(doc, "daemon probes/s during the CPU window", "probes/s", r.of("daemon.probe_rate"), "");
    other(
        doc,
        "`java -jar fisherman.jar --version` (hyperfine mean)",
        "s",
        r.of("daemon.version_s"),
        "");
    other(
        doc,
        "start to ready with a JDK AOT cache (-XX:AOTCache)",
        "s",
        r.of("daemon.ready_aot_s"),
        "One training run of the daemon writes the cache (classes loaded and linked ahead of"
            + " time); the launcher could ship or build the same.");
    SelectionScenario.figures(ctx, doc);

    for (String c : ctx.commands) {
      for (var e : ctx.placeholders.entrySet()) {
        c = c.replace(e.getKey(), e.getValue());
      }
      doc.command(c);
    }
    for (String s : ctx.setup) {
      doc.setup(s);
    }
  }

  private static void other(
      BenchmarksDoc doc, String name, String unit, List<Double> runs, String limit) {
    if (!runs.isEmpty()) {
      doc.other(new Figure(name, unit, Optional.empty(), runs, limit, ""));
    }
  }

  private static void ratio(Runs r, String a, String b, String out) {
    List<Double> x = r.of(a);
    List<Double> y = r.of(b);
    List<Double> q = new ArrayList<>();
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      q.add(x.get(i) / y.get(i));
    }
    for (double v : q) {
      r.add(out, v);
    }
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
