package dev.fisherman.daemon.cli;

import dev.fisherman.daemon.api.QosFigures;
import dev.fisherman.daemon.api.ServicerQos;
import dev.fisherman.daemon.api.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The QoS table {@code fisherman localnet} and {@code fisherman qos} print: one line per servicer
 * with probes, availability, p50, p99, every verdict, blocks behind the head and outcome counts,
 * readable at a glance.
 */
final class QosTable {

  /** One servicer's line. */
  record Row(
      String address,
      long probes,
      OptionalDouble availability,
      OptionalDouble p50,
      OptionalDouble p99,
      String available,
      String latency,
      String synced,
      String consistent,
      String chain,
      OptionalLong blocksBehind,
      Map<String, Long> outcomes) {
    Row {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(blocksBehind, "blocksBehind");
      outcomes = Map.copyOf(outcomes);
    }
  }

  /** A session and its servicers' lines. */
  record View(
      String sessionId,
      String service,
      String state,
      int roundsDone,
      int roundsPlanned,
      List<Row> rows) {
    View {
      rows = List.copyOf(rows);
    }
  }

  private QosTable() {}

  /** The table of a session as the admin API describes it. */
  static View from(Session session) {
    List<Row> rows = new ArrayList<>();
    for (ServicerQos s : session.servicers()) {
      QosFigures q = s.qos();
      rows.add(
          new Row(
              s.address(),
              q.probes(),
              q.availability(),
              q.latencyMs().map(l -> OptionalDouble.of(l.p50())).orElse(OptionalDouble.empty()),
              q.latencyMs().map(l -> OptionalDouble.of(l.p99())).orElse(OptionalDouble.empty()),
              q.verdicts().available(),
              q.verdicts().latency(),
              q.verdicts().synced(),
              q.verdicts().consistent(),
              q.verdicts().chain(),
              q.blocksBehind(),
              q.outcomes()));
    }
    return new View(
        session.sessionId(),
        session.service(),
        session.state(),
        session.roundsDone(),
        session.roundsPlanned(),
        rows);
  }

  static String render(View view) {
    StringBuilder out = new StringBuilder();
    out.append("session ")
        .append(view.sessionId())
        .append("  service ")
        .append(view.service())
        .append("  ")
        .append(view.state())
        .append("  round ")
        .append(view.roundsDone())
        .append('/')
        .append(view.roundsPlanned())
        .append('\n');
    int width = "SERVICER".length();
    for (Row r : view.rows()) {
      width = Math.max(width, r.address().length());
    }
    String format =
        "%-" + width + "s  %6s  %7s  %10s  %10s  %-18s  %-16s  %-15s  %-19s  %-14s  %6s  %s%n";
    out.append(
        String.format(
            Locale.ROOT,
            format,
            "SERVICER",
            "PROBES",
            "AVAIL",
            "P50",
            "P99",
            "AVAILABLE",
            "LATENCY",
            "SYNCED",
            "CONSISTENT",
            "CHAIN",
            "BEHIND",
            "OUTCOMES"));
    for (Row r : view.rows()) {
      out.append(
          String.format(
              Locale.ROOT,
              format,
              r.address(),
              r.probes(),
              r.availability().isPresent()
                  ? String.format(Locale.ROOT, "%.1f%%", 100 * r.availability().getAsDouble())
                  : "-",
              millis(r.p50()),
              millis(r.p99()),
              "available: " + r.available(),
              "latency: " + r.latency(),
              "synced: " + r.synced(),
              "consistent: " + r.consistent(),
              "chain: " + r.chain(),
              r.blocksBehind().isPresent() ? Long.toString(r.blocksBehind().getAsLong()) : "-",
              outcomes(r.outcomes())));
    }
    return out.toString();
  }

  private static String millis(OptionalDouble ms) {
    if (ms.isEmpty()) {
      return "-";
    }
    double v = ms.getAsDouble();
    return String.format(Locale.ROOT, v >= 100 ? "%.0f ms" : "%.1f ms", v);
  }

  private static String outcomes(Map<String, Long> outcomes) {
    if (outcomes.isEmpty()) {
      return "-";
    }
    StringBuilder b = new StringBuilder();
    outcomes.forEach(
        (k, v) -> {
          if (!b.isEmpty()) {
            b.append(' ');
          }
          b.append(k).append('=').append(v);
        });
    return b.toString();
  }
}
