package dev.fisherman.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes docs/benchmarks.md from one harness run. Everything is regenerated except the section
 * between {@link #HAND_START} and {@link #HAND_END}, which is carried over from the existing file
 * so the hand-written profile survives reruns.
 */
public final class BenchmarksDoc {
  public static final String HAND_START =
      "<!-- hand-written: kept by make bench; edit freely between these markers -->";
  public static final String HAND_END = "<!-- end hand-written -->";

  /** One JMH result line. */
  public record MicroResult(
      String benchmark, String params, double score, double error, String unit) {}

  private final Machine machine;
  private final String revision;
  private final List<String> commands = new ArrayList<>();
  private final List<Figure> bars = new ArrayList<>();
  private final List<Figure> others = new ArrayList<>();
  private final List<String> setup = new ArrayList<>();
  private final List<MicroResult> micro = new ArrayList<>();
  private String microCommand = "";

  public BenchmarksDoc(Machine machine, String revision) {
    this.machine = Objects.requireNonNull(machine, "machine");
    this.revision = Objects.requireNonNull(revision, "revision");
  }

  public BenchmarksDoc command(String line) {
    commands.add(line);
    return this;
  }

  /** A figure held to a bar of DESIGN.md. */
  public BenchmarksDoc bar(Figure f) {
    bars.add(f);
    return this;
  }

  /** A figure measured for comparison, without a bar. */
  public BenchmarksDoc other(Figure f) {
    others.add(f);
    return this;
  }

  /** A line about how the run was set up. */
  public BenchmarksDoc setup(String line) {
    setup.add(line);
    return this;
  }

  public BenchmarksDoc micro(String command, List<MicroResult> results) {
    this.microCommand = command;
    this.micro.addAll(results);
    return this;
  }

  /** Rewrites {@code file}, keeping its hand-written section. */
  public void write(Path file) throws IOException {
    String hand = defaultHand();
    if (Files.exists(file)) {
      String old = Files.readString(file, StandardCharsets.UTF_8);
      int a = old.indexOf(HAND_START);
      int b = old.indexOf(HAND_END);
      if (a >= 0 && b > a) {
        hand = old.substring(a + HAND_START.length(), b).strip();
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, render(hand), StandardCharsets.UTF_8);
  }

  String render(String hand) {
    StringBuilder s = new StringBuilder();
    s.append("# Benchmarks\n\n");
    s.append(
        "Written by `make bench` (the `bench` Maven module); every section except the"
            + " hand-written profile is regenerated on each run. Figures are min / median / max"
            + " over repeated runs; a bar is judged on the median run.\n\n");

    s.append("## Machine\n\n");
    s.append("| | |\n|---|---|\n");
    s.append("| CPU | ").append(machine.cpu()).append(" |\n");
    s.append("| cores | ").append(machine.cores()).append(" |\n");
    s.append("| memory | ").append(machine.memory()).append(" |\n");
    s.append("| kernel | ").append(machine.kernel()).append(" |\n");
    s.append("| OS | ").append(machine.os()).append(" |\n");
    s.append("| JDK | ").append(machine.jdk()).append(" |\n");
    s.append("| revision | `").append(revision).append("` |\n");
    s.append("| run at | ")
        .append(
            ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
        .append(" |\n\n");

    s.append("## Quality bars\n\n");
    s.append("| figure | min | median | max | bar | result |\n|---|---:|---:|---:|---|---|\n");
    for (Figure f : bars) {
      row(s, f);
    }
    s.append('\n');

    if (!others.isEmpty()) {
      s.append("## Comparison figures\n\n");
      s.append("Measured in the same runs against the same servicer; no bar applies.\n\n");
      s.append("| figure | min | median | max |\n|---|---:|---:|---:|\n");
      for (Figure f : others) {
        s.append("| ")
            .append(f.name())
            .append(" | ")
            .append(num(f.min(), f.unit()))
            .append(" | ")
            .append(num(f.median(), f.unit()))
            .append(" | ")
            .append(num(f.max(), f.unit()))
            .append(" |\n");
      }
      s.append('\n');
    }

    List<Figure> missed = new ArrayList<>();
    for (Figure f : bars) {
      if (f.passed().map(p -> !p).orElse(false) || (f.bar().isPresent() && !f.measured())) {
        missed.add(f);
      }
    }
    s.append("## Missed bars\n\n");
    if (missed.isEmpty()) {
      s.append("None: every bar holds on the median run.\n\n");
    } else {
      for (Figure f : missed) {
        s.append("- **").append(f.name()).append("**: ").append(f.closeIt()).append('\n');
      }
      s.append('\n');
    }

    s.append("## What limits each figure\n\n");
    for (Figure f : bars) {
      s.append("- **").append(f.name()).append("**: ").append(f.limit()).append('\n');
    }
    for (Figure f : others) {
      if (!f.limit().isEmpty()) {
        s.append("- **").append(f.name()).append("**: ").append(f.limit()).append('\n');
      }
    }
    s.append('\n');

    s.append("## How the runs were set up\n\n");
    for (String line : setup) {
      s.append("- ").append(line).append('\n');
    }
    s.append('\n');

    s.append("## Microbenchmarks (JMH)\n\n");
    if (micro.isEmpty()) {
      s.append("Not run.\n\n");
    } else {
      s.append("`").append(microCommand).append("`\n\n");
      s.append(
          "| benchmark | params | score | ± error (99.9%) | unit |\n|---|---|---:|---:|---|\n");
      for (MicroResult r : micro) {
        s.append("| ")
            .append(r.benchmark())
            .append(" | ")
            .append(r.params())
            .append(" | ")
            .append(plain(r.score()))
            .append(" | ")
            .append(plain(r.error()))
            .append(" | ")
            .append(r.unit())
            .append(" |\n");
      }
      s.append('\n');
    }

    s.append("## Commands\n\n");
    s.append("Reproduce everything with `make bench`. It runs:\n\n```\n");
    for (String c : commands) {
      s.append(c).append('\n');
    }
    s.append("```\n\n");

    s.append(HAND_START).append("\n\n").append(hand).append("\n\n").append(HAND_END).append('\n');
    return s.toString();
  }

  private static void row(StringBuilder s, Figure f) {
    s.append("| ")
        .append(f.name())
        .append(" | ")
        .append(num(f.min(), f.unit()))
        .append(" | ")
        .append(num(f.median(), f.unit()))
        .append(" | ")
        .append(num(f.max(), f.unit()))
        .append(" | ")
        .append(f.bar().map(Bar::text).orElse(""))
        .append(" | ");
    if (!f.measured()) {
      s.append("not measured");
    } else if (f.passed().orElse(false)) {
      s.append(f.worstRunMisses() ? "pass (worst run misses)" : "pass");
    } else {
      s.append("**miss**");
    }
    s.append(" |\n");
  }

  static String num(double v, String unit) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return plain(v) + (unit.isEmpty() ? "" : " " + unit);
  }

  static String plain(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String defaultHand() {
    return "## Profile of the worst figure\n\n(Write here where the time goes; `make bench` keeps"
        + " this section.)";
  }
}
