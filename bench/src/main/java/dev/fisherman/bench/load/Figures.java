package dev.fisherman.bench.load;

import dev.fisherman.bench.report.Bar;
import dev.fisherman.bench.report.BenchmarksDoc;
import dev.fisherman.bench.report.Figure;
import java.util.Optional;

/** Turns the recorded runs into the doc's figures, each with what limits it. */
final class Figures {
  private Figures() {}

  static void addAll(Context ctx, BenchmarksDoc doc) {
    Runs r = ctx.runs;
    doc.other(
        new Figure(
            "wrk, keep-alive, same servicer",
            "requests/s",
            Optional.empty(),
            r.of("wrk.rps"),
            "",
            ""));
    doc.other(
        new Figure(
            "blackbox_exporter overhead p50",
            "µs",
            Optional.empty(),
            r.of("blackbox.overhead_p50_us"),
            "",
            ""));
    doc.other(
        new Figure(
            "blackbox_exporter overhead p99",
            "µs",
            Optional.empty(),
            r.of("blackbox.overhead_p99_us"),
            "",
            ""));
    doc.other(
        new Figure(
            "blackbox_exporter CPU per 10,000 probes",
            "s",
            Optional.empty(),
            r.of("blackbox.cpu_per_10k_s"),
            "",
            ""));
    doc.bar(
        new Figure(
            "sustained probes/s",
            "probes/s",
            Optional.of(Bar.atLeast(20_000, ">= 20,000")),
            r.of("fisherman.rps"),
            "",
            ""));
    for (String c : ctx.commands) {
      doc.command(c);
    }
    for (String s : ctx.setup) {
      doc.setup(s);
    }
  }
}
