package dev.fisherman.daemon.cli;

import dev.fisherman.daemon.api.QosFigures;
import dev.fisherman.daemon.api.ServicerQos;
import dev.fisherman.daemon.api.Session;
import dev.fisherman.daemon.api.Standing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The QoS table {@code fisherman localnet} and {@code fisherman qos} print: one line per servicer
 * with probes, availability, p50, p99, its reputation (state and score, across sessions), every
 * verdict, blocks behind the head and outcome counts, readable at a glance.
 */
final class QosTable {

  /** One servicer's line. */
  record Row(
      String address,
      long probes,
      OptionalDouble availability,
      OptionalDouble p50,
      OptionalDouble p99,
      Optional<Standing> reputation,
      String available,
      String latency,
      String synced,
      String consistent,
      String chain,
      OptionalLong blocksBehind,
      Map<String, Long> outcomes) {
    Row {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(reputation, "reputation");
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

  /** The table of a session as the admin API describes it, without reputation. */
  static View from(Session session) {
    return from(session, address -> Optional.empty());
  }

  /** The table of a session, each servicer with its reputation from {@code reputation}. */
  static View from(Session session, Function<String, Optional<Standing>> reputation) {
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
              reputation.apply(s.address()),
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
    return render(view, false);
  }

  /** The table; with {@code colour} the verdicts are coloured with ANSI codes. */
  static String render(View view, boolean colour) {
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
    String format = "%-" + width + "s  %6s  %7s  %10s  %10s  %s  %s  %s  %s  %s  %s  %6s  %s%n";
    out.append(
        String.format(
            Locale.ROOT,
            format,
            "SERVICER",
            "PROBES",
            "AVAIL",
            "P50",
            "P99",
            pad("REPUTATION", REPUTATION_WIDTH),
            pad("AVAILABLE", AVAILABLE_WIDTH),
            pad("LATENCY", LATENCY_WIDTH),
            pad("SYNCED", SYNCED_WIDTH),
            pad("CONSISTENT", CONSISTENT_WIDTH),
            pad("CHAIN", CHAIN_WIDTH),
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
              reputation(r.reputation(), colour),
              verdict("available", r.available(), AVAILABLE_WIDTH, colour),
              verdict("latency", r.latency(), LATENCY_WIDTH, colour),
              verdict("synced", r.synced(), SYNCED_WIDTH, colour),
              verdict("consistent", r.consistent(), CONSISTENT_WIDTH, colour),
              verdict("chain", r.chain(), CHAIN_WIDTH, colour),
              r.blocksBehind().isPresent() ? Long.toString(r.blocksBehind().getAsLong()) : "-",
              outcomes(r.outcomes())));
    }
    return out.toString();
  }

  private static final int REPUTATION_WIDTH = 13;
  private static final int AVAILABLE_WIDTH = 18;
  private static final int LATENCY_WIDTH = 16;
  private static final int SYNCED_WIDTH = 15;
  private static final int CONSISTENT_WIDTH = 19;
  private static final int CHAIN_WIDTH = 14;
  private static final String RESET = "\033[0m";

  /** {@code name: value} padded to {@code width}; coloured by what it means when asked. */
  private static String verdict(String name, String value, int width, boolean colour) {
    String text = name + ": " + value;
    if (!colour) {
      return pad(text, width);
    }
    String sgr =
        switch (value) {
          case "yes", "low" -> "\033[32m";
          case "no", "high" -> "\033[1;31m";
          case "unknown" -> "\033[33m";
          default -> "";
        };
    if (sgr.isEmpty()) {
      return pad(text, width);
    }
    return sgr + text + RESET + " ".repeat(Math.max(0, width - text.length()));
  }

  /** {@code state score}, e.g. {@code ok 97}; {@code -} when not remembered. */
  private static String reputation(Optional<Standing> standing, boolean colour) {
    if (standing.isEmpty()) {
      return pad("-", REPUTATION_WIDTH);
    }
    Standing s = standing.get();
    String text = s.state() + " " + s.score();
    String sgr =
        switch (s.state()) {
          case "ok" -> "\033[32m";
          case "timeout" -> "\033[1;31m";
          case "probation" -> "\033[33m";
          default -> "";
        };
    if (!colour || sgr.isEmpty()) {
      return pad(text, REPUTATION_WIDTH);
    }
    return sgr + text + RESET + " ".repeat(Math.max(0, REPUTATION_WIDTH - text.length()));
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
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
