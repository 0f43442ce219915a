package dev.fisherman.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes the soak's section of docs/reliability.md, between its two marker comments. */
final class SoakDoc {
  static final String BEGIN = "<!-- soak:begin (written by make soak) -->";
  static final String END = "<!-- soak:end -->";

  private SoakDoc() {}

  static void write(Path doc, Path img, SoakResult r) throws IOException {
    String text =
        Files.exists(doc)
            ? Files.readString(doc, StandardCharsets.UTF_8)
            : "# Reliability\n\n" + BEGIN + "\n" + END + "\n";
    int from = text.indexOf(BEGIN);
    int to = text.indexOf(END);
    if (from < 0 || to < from) {
      throw new IllegalStateException(doc + ": no " + BEGIN + " ... " + END + " section");
    }
    Path rel = doc.toAbsolutePath().getParent().relativize(img.toAbsolutePath());
    StringBuilder b = new StringBuilder(BEGIN).append("\n\n");
    b.append(
        String.format(
            Locale.ROOT,
            "Run of %s: %.0f minutes, %d sessions of %d servicers (%d probes each per session),"
                + " %d samples; result: **%s**.%n%n",
            r.began().truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
            r.minutes(),
            r.sessions(),
            Soak.SERVICERS,
            Soak.PROBES_PER_SESSION,
            r.samples(),
            r.passed() ? "passed" : "FAILED"));
    b.append("![heap, direct memory, threads and file descriptors over the soak](")
        .append(rel)
        .append(")\n\n");
    b.append(
        "| resource (second half) | at its start | at the end | max | Theil-Sen slope per minute | bound | verdict |\n");
    b.append("|---|---:|---:|---:|---:|---:|---|\n");
    for (SoakResult.Trend t : r.trends()) {
      String u = t.unit().isEmpty() ? "" : " " + t.unit();
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f%s | %.1f%s | %.1f%s | %+.3f%s | %.1f%s | %s |%n",
              t.name(),
              t.first(),
              u,
              t.last(),
              u,
              t.max(),
              u,
              t.slope(),
              u,
              t.bound(),
              u,
              t.flat() ? "flat" : "growing"));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%nAccounting after SIGTERM: `%s` — planned %s recorded + cancelled (%d = %d + %d).%n%n"
                + "Slowest `/healthz` answer while sampling: %.1f ms.%n%n",
            r.shutdownLine().replaceAll("^.*?(shutdown:)", "$1").strip(),
            r.accounted() ? "=" : "≠",
            r.planned(),
            r.recorded(),
            r.cancelled(),
            r.healthzMaxMs()));
    b.append(END);
    Files.writeString(
        doc,
        text.substring(0, from) + b + text.substring(to + END.length()),
        StandardCharsets.UTF_8);
  }
}
