package dev.fisherman.e2e.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisherman.e2e.harness.DaemonProcess;
import dev.fisherman.e2e.harness.GenesisFile;
import dev.fisherman.e2e.harness.SessionEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} while sessions are being exported leaves no partial {@code .ndjson} file, and the
 * next start deletes the temporary files the crash left.
 */
class ExportCrashIT {
  private static final int SERVICERS = 20;
  private static final int PROBES = 20;

  @TempDir Path dir;

  private static List<Path> files(Path exportDir, String glob) throws IOException {
    try (Stream<Path> all = Files.list(exportDir)) {
      return all.filter(
              p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
          .sorted()
          .toList();
    }
  }

  @Test
  void sigkillDuringExports_leavesOnlyWholeFiles_andTheNextStartCleansUp() throws Exception {
    Path exportDir = dir.resolve("export");
    Path genesis = GenesisFile.shortSessions().withProbesPerSession(PROBES).writeTo(dir);
    // Nobody listens on port 1: every probe is refused at once, so sessions finish on time.
    URI closed = URI.create("http://127.0.0.1:1");
    DaemonProcess daemon =
        DaemonProcess.run(dir, genesis, "webhook", "--export-dir", exportDir.toString());
    int posted = 0;
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      // Sessions of one second each, posted until several files are out: exports keep running.
      while (files(exportDir, "*.ndjson").size() < 3) {
        assertThat(System.nanoTime() - deadline).as(daemon.describe()).isNegative();
        SessionEvent event = SessionEvent.named("crash-" + posted++, "1s");
        for (int s = 0; s < SERVICERS; s++) {
          event = event.with("s" + s, closed);
        }
        assertThat(daemon.client().postSession(event).status()).isEqualTo(202);
        // Paced so a loaded machine keeps up; correctness never depends on it.
        LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
      }
    } finally {
      daemon.kill();
    }
    assertThat(daemon.awaitExit(DaemonProcess.STOP_TIMEOUT)).hasValue(137);

    ObjectMapper json = new ObjectMapper();
    List<Path> whole = files(exportDir, "*.ndjson");
    assertThat(whole).isNotEmpty();
    for (Path p : whole) {
      List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
      JsonNode report = json.readTree(lines.get(0));
      assertThat(report.get("servicers")).as(p.toString()).hasSize(SERVICERS);
      assertThat(lines).as(p.toString()).hasSize(1 + SERVICERS * PROBES);
      for (String line : lines) {
        assertThat(json.readTree(line).isObject()).isTrue();
      }
    }

    DaemonProcess again =
        DaemonProcess.run(dir, genesis, "webhook", "--export-dir", exportDir.toString());
    try {
      assertThat(files(exportDir, "*.ndjson.tmp")).isEmpty();
      assertThat(files(exportDir, "*.ndjson")).containsExactlyElementsOf(whole);
      String id = whole.get(0).getFileName().toString().replace(".ndjson", "");
      var served = again.client().get("/v1/sessions/" + id + "/observations");
      assertThat(served.status()).isEqualTo(200);
      assertThat(served.body()).isEqualTo(Files.readString(whole.get(0)));
    } finally {
      again.close();
    }
  }
}
