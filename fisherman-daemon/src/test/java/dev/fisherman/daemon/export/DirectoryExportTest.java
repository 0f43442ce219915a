package dev.fisherman.daemon.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.qos.Verdicts;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.core.store.SessionState;
import dev.fisherman.core.store.SessionSummary;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written whole, caps, leftovers, and the loading examples of docs/export.md. */
class DirectoryExportTest {
  static final Path DOC = Path.of("..", "docs", "export.md");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  private static Observation obs(String session, String servicer, int round, Outcome outcome) {
    return new Observation(
        session,
        servicer,
        round,
        T0.plusSeconds(round),
        1_000,
        OptionalLong.empty(),
        OptionalLong.of(1_000_000),
        2_000_000,
        outcome,
        outcome == Outcome.OK ? OptionalInt.of(200) : OptionalInt.empty(),
        OptionalLong.empty(),
        ProbeFacts.NONE,
        outcome == Outcome.OK ? "" : outcome.wireName());
  }

  private static ServicerQos qos(String address, long probes) {
    return new ServicerQos(
        address,
        URI.create("http://127.0.0.1:1"),
        probes,
        Map.of(),
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty(),
        new Verdicts(Verdicts.Available.UNKNOWN, Verdicts.Latency.UNKNOWN),
        OptionalLong.empty());
  }

  /** A session of {@code rounds} rounds over servicers a (always ok) and b (ok every other). */
  private static void session(DirectoryExport export, String id, int rounds) {
    // Rounds complete out of order, as they do when probes land on several event loops.
    for (int r = rounds - 1; r >= 0; r--) {
      export.round(
          new RoundResult(
              id,
              "eth",
              r,
              T0.plusSeconds(r),
              List.of(
                  obs(id, "a", r, Outcome.OK),
                  obs(id, "b", r, r % 2 == 0 ? Outcome.OK : Outcome.REFUSED))));
    }
    export.finished(
        new SessionReport(
            new SessionSummary(
                id, "eth", T0, T0.plusSeconds(60), SessionState.ENDED, rounds, rounds, 2),
            List.of(qos("a", rounds), qos("b", rounds))));
  }

  private static List<String> lines(Path p) throws IOException {
    return Files.readAllLines(p, StandardCharsets.UTF_8);
  }

  @Test
  void finished_writesTheReportThenProbesLinesPerServicerInRoundOrder() throws Exception {
    try (DirectoryExport export = new DirectoryExport(dir, 1 << 20, 10)) {
      session(export, "s-1", 5);
    }

    List<String> lines = lines(dir.resolve("s-1.ndjson"));
    ObjectMapper json = new ObjectMapper();
    JsonNode report = json.readTree(lines.get(0));
    assertThat(report.get("session_id").asText()).isEqualTo("s-1");
    assertThat(report.get("servicers").get(0).get("probes").asLong()).isEqualTo(5);
    List<String> order = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      JsonNode o = json.readTree(line);
      order.add(o.get("servicer").asText() + o.get("round").asInt());
    }
    assertThat(order).containsExactly("a0", "b0", "a1", "b1", "a2", "b2", "a3", "b3", "a4", "b4");
    assertThat(lines.get(4)).startsWith("{\"servicer\":\"b\",\"round\":1,\"outcome\":\"refused\",");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("s-1.ndjson");
    }
  }

  @Test
  void start_deletesTemporaryFilesACrashLeft_andKeepsWholeFiles() throws Exception {
    Files.writeString(dir.resolve("s-9.ndjson.tmp"), "{\"session_id\":\"s-9\"");
    Files.writeString(dir.resolve("s-8.ndjson"), "{}\n");

    try (DirectoryExport export = new DirectoryExport(dir, 1 << 20, 10)) {
      assertThat(export.file("s-8")).contains(dir.resolve("s-8.ndjson"));
      assertThat(export.file("s-9")).isEmpty();
    }

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("s-8.ndjson");
    }
  }

  @Test
  void caps_deleteTheOldestFilesFirst() throws Exception {
    try (DirectoryExport export = new DirectoryExport(dir, 1 << 20, 2)) {
      session(export, "s-1", 2);
      session(export, "s-2", 2);
    }
    // Modification times may share a tick: make the order explicit before the third file.
    Files.setLastModifiedTime(dir.resolve("s-1.ndjson"), FileTime.from(T0));
    Files.setLastModifiedTime(dir.resolve("s-2.ndjson"), FileTime.from(T0.plusSeconds(1)));
    try (DirectoryExport export = new DirectoryExport(dir, 1 << 20, 2)) {
      session(export, "s-3", 2);
    }

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("s-2.ndjson", "s-3.ndjson");
    }
  }

  @Test
  void caps_byteCapKeepsAtLeastTheNewestFile() throws Exception {
    try (DirectoryExport export = new DirectoryExport(dir, 10, 100)) {
      session(export, "s-1", 3);
    }

    assertThat(dir.resolve("s-1.ndjson")).exists();
  }

  @Test
  void sessionIdThatIsNoFileName_isNotExported() throws Exception {
    try (DirectoryExport export = new DirectoryExport(dir, 1 << 20, 10)) {
      session(export, "../escape", 1);
      assertThat(export.file("../escape")).isEmpty();
    }

    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  private static String block(String language) throws IOException {
    Matcher m =
        Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(DOC));
    assertThat(m.find()).as("a ```%s block in %s", language, DOC).isTrue();
    return m.group(1);
  }

  private static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static boolean onPath(String tool) {
    try {
      return new ProcessBuilder(tool, "--version").start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void docs_pythonExample_loadsAnExportedFile() throws Exception {
    boolean present = onPath("python3");
    if (!present) {
      System.err.println(
          "SKIPPED: python3 is not on PATH; docs/export.md's Python example untested");
    }
    Assumptions.assumeTrue(present, "python3 is not on PATH");
    try (DirectoryExport export = new DirectoryExport(dir, 1 << 20, 10)) {
      session(export, "s-1", 5);
    }
    Path script = dir.resolve("load.py");
    Files.writeString(script, block("python"));

    String out = run(List.of("python3", script.toString(), dir.resolve("s-1.ndjson").toString()));

    assertThat(out.lines()).containsExactly("a 5 5", "b 5 3");
  }

  @Test
  void docs_jqExample_loadsAnExportedFile() throws Exception {
    boolean present = onPath("jq");
    if (!present) {
      System.err.println("SKIPPED: jq is not on PATH; docs/export.md's jq example untested");
    }
    Assumptions.assumeTrue(present, "jq is not on PATH");
    try (DirectoryExport export = new DirectoryExport(dir, 1 << 20, 10)) {
      session(export, "s-1", 5);
    }
    String command = block("sh").replace("FILE", dir.resolve("s-1.ndjson").toString());

    String out = run(List.of("sh", "-c", command));

    assertThat(out.lines())
        .containsExactly(
            "{\"address\":\"a\",\"probes\":5,\"ok\":5}",
            "{\"address\":\"b\",\"probes\":5,\"ok\":3}");
  }
}
