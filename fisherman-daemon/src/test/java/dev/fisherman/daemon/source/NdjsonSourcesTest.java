package dev.fisherman.daemon.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.Admission;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.daemon.metrics.DaemonMeters;
import dev.fisherman.daemon.testing.LogCapture;
import dev.fisherman.daemon.testing.TestGenesis;
import dev.fisherman.testkit.Poll;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonSourcesTest {
  @TempDir Path dir;

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SessionEventParser parser =
      new SessionEventParser(
          TestGenesis.twoServicers(), InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
  private final List<SessionStarted> sessions = new CopyOnWriteArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private final LogCapture log = new LogCapture(NdjsonLines.class);

  @AfterEach
  void stop() {
    timer.shutdownNow();
    log.close();
  }

  private Admission sink(SessionStarted s) {
    synchronized (seen) {
      if (!seen.add(s.sessionId())) {
        return Admission.DUPLICATE;
      }
    }
    sessions.add(s);
    return Admission.ACCEPTED;
  }

  private static String line(String id) {
    return "{\"session_id\":\""
        + id
        + "\",\"service\":\"eth\",\"duration\":\"60s\","
        + "\"servicers\":[{\"address\":\"a\",\"url\":\"http://127.0.0.1:9001\"}]}\n";
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  private double count(String result) {
    var c = registry.find(DaemonMeters.SOURCE_EVENTS).tag("result", result).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void follow_readsLinesAppendedLater_andSkipsBadOnesByLineNumber() throws IOException {
    Path file = Files.writeString(dir.resolve("sessions.ndjson"), line("s-1"));
    NdjsonFileSource source =
        new NdjsonFileSource(file, parser, new DaemonMeters(registry), timer, Duration.ofHours(1));
    source.start(this::sink);
    source.poll();
    assertThat(sessions).extracting(SessionStarted::sessionId).containsExactly("s-1");

    append(file, "not json\n\n" + line("s-2") + line("s-1").replace("eth", "btc"));
    // Half a line: not handed over until its newline arrives.
    String third = line("s-3");
    append(file, third.substring(0, 20));
    source.poll();
    assertThat(sessions).extracting(SessionStarted::sessionId).containsExactly("s-1", "s-2");

    append(file, third.substring(20) + line("s-2"));
    source.poll();
    assertThat(sessions).extracting(SessionStarted::sessionId).containsExactly("s-1", "s-2", "s-3");
    assertThat(log.messages())
        .contains(
            "ndjson:"
                + file
                + " line 2: body: not valid JSON at 1:1 (Unrecognized token 'not': was expecting"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))"
                + " (skipped)",
            "ndjson:"
                + file
                + " line 5: service: \"btc\" (expected: a service genesis defines: eth) (skipped)");
    assertThat(count("accepted")).isEqualTo(3.0);
    assertThat(count("invalid")).isEqualTo(2.0);
    assertThat(count("duplicate")).isEqualTo(1.0);
    assertThat(source.check().ok()).isTrue();
    source.close();
    assertThat(source.check().detail()).isEqualTo("closed");
  }

  @Test
  void follow_truncatedFile_isReadAgainFromItsFirstLine() throws IOException {
    Path file = Files.writeString(dir.resolve("s.ndjson"), line("s-1") + line("s-2"));
    NdjsonFileSource source =
        new NdjsonFileSource(file, parser, new DaemonMeters(registry), timer, Duration.ofHours(1));
    source.start(this::sink);
    source.poll();
    Files.writeString(file, line("s-3"));
    source.poll();
    assertThat(sessions).extracting(SessionStarted::sessionId).containsExactly("s-1", "s-2", "s-3");
  }

  @Test
  void follow_replacedFile_readsTheOldToItsEndThenTheNewOne() throws IOException {
    Path file = Files.writeString(dir.resolve("s.ndjson"), line("s-1"));
    NdjsonFileSource source =
        new NdjsonFileSource(file, parser, new DaemonMeters(registry), timer, Duration.ofHours(1));
    source.start(this::sink);
    source.poll();
    append(file, line("s-2"));
    Path next = Files.writeString(dir.resolve("s.ndjson.new"), line("s-3"));
    Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    source.poll();
    assertThat(sessions).extracting(SessionStarted::sessionId).containsExactly("s-1", "s-2", "s-3");
  }

  @Test
  void follow_lineOverTheLimit_isSkippedWhole() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("s.ndjson"),
            line("s-1") + "x".repeat(NdjsonLines.MAX_LINE_BYTES + 10) + "\n" + line("s-2"));
    NdjsonFileSource source =
        new NdjsonFileSource(file, parser, new DaemonMeters(registry), timer, Duration.ofHours(1));
    source.start(this::sink);
    source.poll();
    assertThat(sessions).extracting(SessionStarted::sessionId).containsExactly("s-1", "s-2");
    assertThat(log.messages())
        .contains("ndjson:" + file + " line 2: longer than 1048576 bytes (skipped)");
  }

  @Test
  void follow_pollsOnTheTimerByItself() throws IOException {
    Path file = Files.writeString(dir.resolve("s.ndjson"), "");
    NdjsonFileSource source =
        new NdjsonFileSource(
            file, parser, new DaemonMeters(registry), timer, Duration.ofMillis(10));
    source.start(this::sink);
    append(file, line("s-1"));
    Poll.until(Duration.ofSeconds(5), () -> sessions.size() == 1);
    source.close();
  }

  @Test
  void stream_readsToEndOfInput_lastLineWithoutNewlineIncluded() {
    String input = line("s-1") + "{\"session_id\":\n" + line("s-2").strip();
    NdjsonStreamSource source =
        new NdjsonStreamSource(
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            parser,
            new DaemonMeters(registry));
    assertThat(source.name()).isEqualTo("ndjson:-");
    source.start(this::sink);
    Poll.until(Duration.ofSeconds(5), () -> "end of input".equals(source.check().detail()));
    assertThat(sessions).extracting(SessionStarted::sessionId).containsExactly("s-1", "s-2");
    assertThat(log.messages()).anyMatch(m -> m.startsWith("ndjson:- line 2: body: not valid JSON"));
    assertThat(source.check().ok()).isTrue();
  }
}
