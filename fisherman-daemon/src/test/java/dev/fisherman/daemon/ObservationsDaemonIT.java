package dev.fisherman.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fisherman.daemon.source.SourceSpec;
import dev.fisherman.daemon.testing.Http;
import dev.fisherman.daemon.testing.TestGenesis;
import dev.fisherman.genesis.ConnectionMode;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Params;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.SimulatedServicer;
import dev.fisherman.testkit.Poll;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/sessions/{id}/observations} on the daemon with the real engine: streamed (chunked)
 * from memory while the session runs and from the export file once it is written.
 */
class ObservationsDaemonIT {
  private static final int PROBES = 8;

  private final EventLoopGroup simGroup =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private SimulatedServicer a;
  private SimulatedServicer b;
  private Daemon daemon;
  @TempDir Path exportDir;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    simGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static Genesis genesis() {
    Genesis base = TestGenesis.with(List.of());
    return new Genesis(
        "test",
        new Params(
            base.params().session(),
            new QosParams(
                PROBES,
                Distribution.STRATIFIED,
                Duration.ZERO,
                Duration.ofSeconds(2),
                Duration.ofMillis(250),
                0.9,
                5,
                ConnectionMode.REUSE,
                1 << 20,
                4)),
        base.services(),
        List.of());
  }

  private Http start(Daemon.Builder builder, String duration) {
    a =
        SimulatedServicer.start(
            simGroup,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            Behaviour.healthy());
    b =
        SimulatedServicer.start(
            simGroup,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            Behaviour.healthy());
    daemon =
        builder
            .admin(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .source(SourceSpec.of("webhook"))
            .probeThreads(1)
            .start();
    Http http = new Http(daemon.adminAddress());
    HttpResponse<String> posted =
        http.post(
            "/v1/sessions",
            "{\"session_id\":\"s-1\",\"service\":\"eth\",\"duration\":\""
                + duration
                + "\",\"servicers\":["
                + "{\"address\":\"a\",\"url\":\""
                + a.url()
                + "\"},{\"address\":\"b\",\"url\":\""
                + b.url()
                + "\"}]}");
    assertThat(posted.statusCode()).isEqualTo(202);
    return http;
  }

  @Test
  void activeSession_streamsTheReportNowAndTheObservationsSoFar_chunked() {
    try (Http http = start(Daemon.builder(genesis()), "60s")) {
      // A 60 s session with 8 rounds: the first rounds are in long before it ends.
      String[] lines =
          Poll.until(
              "a recorded round of the running session",
              Duration.ofSeconds(30),
              () -> {
                HttpResponse<String> r = http.get("/v1/sessions/s-1/observations");
                String[] l = r.body().split("\n");
                return r.statusCode() == 200 && l.length >= 3
                    ? java.util.Optional.of(l)
                    : java.util.Optional.empty();
              });
      JsonNode report = Http.json(lines[0]);
      assertThat(report.get("session_id").asText()).isEqualTo("s-1");
      assertThat(report.get("state").asText()).isEqualTo("active");
      // Round order, then the session's servicer order; every line one probe.
      for (int i = 1; i < lines.length; i++) {
        JsonNode o = Http.json(lines[i]);
        assertThat(o.get("servicer").asText()).isEqualTo(i % 2 == 1 ? "a" : "b");
        assertThat(o.get("round").asInt()).isEqualTo((i - 1) / 2);
        assertThat(o.get("outcome").asText()).isEqualTo("ok");
      }
      String raw =
          http.raw(
              "GET /v1/sessions/s-1/observations HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
              Duration.ofSeconds(5));
      assertThat(raw.substring(0, raw.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT))
          .startsWith("http/1.1 200 ok\r\n")
          .contains("content-type: application/x-ndjson\r\n")
          .contains("transfer-encoding: chunked\r\n")
          .doesNotContain("content-length");
      assertThat(raw).endsWith("\r\n0\r\n\r\n");
    }
  }

  @Test
  void exportedSession_streamsTheFileAsItIsOnDisk_withEveryPlannedProbe() throws Exception {
    try (Http http = start(Daemon.builder(genesis()).export(exportDir, 1 << 20, 10), "2s")) {
      Path file = exportDir.resolve("s-1.ndjson");
      Poll.until(Duration.ofSeconds(30), () -> Files.isRegularFile(file));

      HttpResponse<String> r = http.get("/v1/sessions/s-1/observations");

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type")).contains("application/x-ndjson");
      assertThat(r.body()).isEqualTo(Files.readString(file));
      assertThat(r.body().split("\n")).hasSize(1 + 2 * PROBES);
    }
  }

  @Test
  void nothingKept_noExport_is404NamingTheSession() {
    try (Http http = start(Daemon.builder(genesis()).observationsKept(0), "60s")) {
      Poll.until(
          Duration.ofSeconds(30),
          () -> Http.json(http.get("/v1/sessions/s-1")).get("rounds_done").asInt() > 0);

      HttpResponse<String> r = http.get("/v1/sessions/s-1/observations");

      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(Http.json(r).get("field").asText()).isEqualTo("session_id");
      assertThat(Http.json(r).get("error").asText())
          .isEqualTo(
              "session_id: \"s-1\" (expected: a retained session with a recorded round whose"
                  + " observations are still kept, or a finished session in the export"
                  + " directory)");
    }
  }
}
