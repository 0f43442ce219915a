package dev.fisherman.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisherman.core.Accounting;
import dev.fisherman.daemon.source.SourceSpec;
import dev.fisherman.daemon.testing.Exposition;
import dev.fisherman.daemon.testing.FakeFisherman;
import dev.fisherman.daemon.testing.Http;
import dev.fisherman.daemon.testing.LogCapture;
import dev.fisherman.daemon.testing.TestGenesis;
import dev.fisherman.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonIT {
  private static final String BODY =
      "{\"session_id\":\"s-1\",\"service\":\"eth\",\"duration\":\"60s\","
          + "\"servicers\":[{\"address\":\"a\",\"url\":\"http://127.0.0.1:9001\"}]}";

  @TempDir Path dir;

  private final FakeFisherman engine = new FakeFisherman(12);

  private Daemon.Builder builder() {
    return Daemon.builder(TestGenesis.twoServicers())
        .admin(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .engineFactory((genesis, group, registry, clock, random, export) -> engine)
        .probeThreads(1);
  }

  @Test
  void start_servesReadinessForEachComponent_thenCloseStopsAllAndLogsTheAccounting() {
    Daemon daemon =
        builder().source(SourceSpec.of("webhook")).source(SourceSpec.of("localnet")).start();
    InetSocketAddress admin = daemon.adminAddress();
    try (Http http = new Http(admin);
        LogCapture log = new LogCapture(Daemon.class)) {
      HttpResponse<String> ready = http.get("/readyz");
      assertThat(ready.statusCode()).isEqualTo(200);
      com.fasterxml.jackson.databind.node.ObjectNode json =
          (com.fasterxml.jackson.databind.node.ObjectNode) Http.json(ready);
      // The admission figures move with what localnet has submitted by now.
      assertThat(json.get("checks").get("admission").asText())
          .matches(
              "active_sessions [01]/1000, probe_rate 0/10000 probes/s, connections 0/10000,"
                  + " min_round_spacing 10ms");
      ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("checks")).remove("admission");
      assertThat(json)
          .isEqualTo(
              Http.json(
                  "{\"status\":\"ready\",\"checks\":{\"daemon\":\"ok\",\"genesis\":\"ok\","
                      + "\"engine\":\"ok\",\"warmup\":\"ok\",\"self_check\":\"ok\",\"source:webhook\":\"ok\","
                      + "\"source:localnet\":\"ok\"}}"));
      assertThat(http.post("/v1/sessions", BODY).statusCode()).isEqualTo(202);
      assertThat(engine.submitted())
          .extracting(s -> s.sessionId())
          .containsExactlyInAnyOrder("s-1", "localnet-0");

      engine.setAccounting(new Accounting(10, 7, 3, 0));
      daemon.close();
      daemon.close(); // idempotent

      assertThat(engine.isRunning()).isFalse();
      assertThat(daemon.checks().get("daemon").detail()).isEqualTo("shutting down");
      assertThat(daemon.checks().get("source:webhook").detail()).isEqualTo("closed");
      assertThat(log.messages()).contains("shutdown: planned=10 recorded=7 cancelled=3");
      assertThatThrownBy(() -> new java.net.Socket(admin.getAddress(), admin.getPort()).close())
          .isInstanceOf(java.net.ConnectException.class);
    }
  }

  @Test
  void start_warmsTheProbePathOnAnInProcessServicerBeforeTheSourcesStart() {
    try (LogCapture log = new LogCapture(ProbeWarmup.class)) {
      Daemon daemon = builder().source(SourceSpec.of("webhook")).warmupProbes(16).start();
      try {
        assertThat(log.messages())
            .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
            .matches("warm-up: 16 probes of the in-process servicer in \\d+ ms");
        assertThat(daemon.checks().get("warmup").ok()).isTrue();
        // Nothing of the warm-up reaches the engine: it probes with a client of its own.
        assertThat(engine.submitted()).isEmpty();
      } finally {
        daemon.close();
      }
    }
  }

  @Test
  void warmupProbes_negative_isRefused() {
    assertThatThrownBy(() -> builder().warmupProbes(-1))
        .hasMessage("warmupProbes: -1 (expected: >= 0)");
  }

  @Test
  void validate_nonLoopbackAdminWithoutToken_isRefusedBeforeAnythingStarts() {
    Daemon.Builder b = builder().admin(new InetSocketAddress("0.0.0.0", 8081));
    assertThatThrownBy(b::start)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "admin: 0.0.0.0:8081 is not a loopback address (expected: a loopback address such as"
                + " 127.0.0.1:8081, or --admin-token-file so that writes need a token)");
    assertThat(engine.isRunning()).isTrue(); // never handed to a daemon, never closed
  }

  @Test
  void validate_tokenTooShort_isRefused() {
    assertThatThrownBy(() -> builder().adminToken("short"))
        .hasMessage("admin token: 5 characters (expected: at least 16)");
  }

  @Test
  void validate_missingNdjsonFile_isRefused() {
    Path missing = dir.resolve("missing.ndjson");
    assertThatThrownBy(
            () -> builder().source(SourceSpec.of("ndjson", missing.toString())).validate())
        .hasMessage(
            "source: ndjson:"
                + missing
                + " (expected: an existing file, or ndjson:- for standard input)");
  }

  @Test
  void validate_sameSourceTwice_isRefused() {
    assertThatThrownBy(
            () -> builder().source(SourceSpec.of("webhook")).source(SourceSpec.of("webhook")))
        .hasMessage("source: webhook (expected: each source once)");
  }

  @Test
  void start_adminPortInUse_failsAndClosesWhatStarted() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Daemon.Builder b =
          builder()
              .admin(new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort()));
      assertThatThrownBy(b::start)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage(
              "admin: cannot listen on 127.0.0.1:"
                  + taken.getLocalPort()
                  + ": Address already in use");
      assertThat(engine.isRunning()).isFalse();
    }
  }

  @Test
  void ndjsonFile_feedsTheEngine() throws Exception {
    Path file = Files.writeString(dir.resolve("s.ndjson"), BODY + "\n", StandardCharsets.UTF_8);
    Daemon daemon =
        builder()
            .source(SourceSpec.of("ndjson", file.toString()))
            .ndjsonPollInterval(java.time.Duration.ofMillis(10))
            .start();
    try {
      Poll.until(java.time.Duration.ofSeconds(5), () -> engine.submitted().size() == 1);
    } finally {
      daemon.close();
    }
  }

  // --- metrics --------------------------------------------------------------------------------

  @Test
  void metrics_everyFamilyHasHelp_jvmProcessAndNettyIncluded_promtoolAgrees() throws Exception {
    Daemon daemon = builder().start();
    try (Http http = new Http(daemon.adminAddress())) {
      http.get("/healthz");
      HttpResponse<String> r = http.get("/metrics");
      assertThat(r.statusCode()).isEqualTo(200);
      String text = r.body();

      List<String> families = Exposition.assertClean(text);
      assertThat(families)
          .contains(
              "jvm_memory_used_bytes",
              "jvm_gc_max_data_size_bytes",
              "jvm_threads_live_threads",
              "process_cpu_usage",
              "process_uptime_seconds",
              "netty_eventexecutor_tasks_pending",
              "netty_allocator_memory_used",
              "fisherman_admin_requests_seconds",
              "fisherman_source_events_total");
      assertThat(text)
          .containsPattern(
              "netty_eventexecutor_tasks_pending\\{group=\"probe\",name=\"fisherman-probe-")
          .containsPattern(
              "netty_eventexecutor_workers\\{group=\"admin\"} "
                  + Daemon.ADMIN_WORKERS
                  + "(\\.0)?\n")
          .containsPattern("netty_eventexecutor_workers\\{group=\"probe\"} 1(\\.0)?\n");
    } finally {
      daemon.close();
    }
  }
}
