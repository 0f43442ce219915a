package dev.fisherman.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fisherman.core.Accounting;
import dev.fisherman.daemon.source.SourceSpec;
import dev.fisherman.daemon.testing.Exposition;
import dev.fisherman.daemon.testing.Http;
import dev.fisherman.daemon.testing.LogCapture;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The daemon with the real engine probing simulated servicers, read over the admin port. */
class EngineDaemonIT {
  private final EventLoopGroup simGroup =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final List<SimulatedServicer> sims = new ArrayList<>();

  @AfterEach
  void stop() {
    sims.forEach(SimulatedServicer::close);
    simGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private SimulatedServicer sim(Behaviour b) {
    SimulatedServicer s =
        SimulatedServicer.start(
            simGroup, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), b);
    sims.add(s);
    return s;
  }

  @Test
  void fiftyConcurrentClientsWhileProbing_allAnswered_andEveryProbeAccountedFor() throws Exception {
    // Ten rounds over 6 s: slots of ~550 ms, longer than the slow servicer's 300 ms answer.
    Genesis base = TestGenesis.with(List.of());
    Genesis genesis =
        new Genesis(
            "test",
            new Params(
                base.params().session(),
                new QosParams(
                    10,
                    Distribution.STRATIFIED,
                    Duration.ofMillis(500),
                    Duration.ofSeconds(2),
                    Duration.ofMillis(250),
                    0.9,
                    5,
                    ConnectionMode.REUSE,
                    1 << 20,
                    4)),
            base.services(),
            List.of());
    SimulatedServicer fast = sim(Behaviour.healthy());
    SimulatedServicer slow = sim(Behaviour.slow(Duration.ofMillis(300)));
    Daemon daemon =
        Daemon.builder(genesis)
            .admin(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .source(SourceSpec.of("webhook"))
            .probeThreads(1)
            .start();
    try (Http http = new Http(daemon.adminAddress());
        LogCapture log = new LogCapture(Daemon.class)) {
      HttpResponse<String> posted =
          http.post(
              "/v1/sessions",
              "{\"session_id\":\"load\",\"service\":\"eth\",\"duration\":\"6s\",\"servicers\":["
                  + "{\"address\":\"fast\",\"url\":\""
                  + fast.url()
                  + "\"},"
                  + "{\"address\":\"slow\",\"url\":\""
                  + slow.url()
                  + "\"}]}");
      assertThat(posted.statusCode()).isEqualTo(202);

      ExecutorService clients = Executors.newFixedThreadPool(50);
      try {
        List<Callable<List<Integer>>> tasks = new ArrayList<>();
        for (int c = 0; c < 50; c++) {
          int client = c;
          tasks.add(
              () -> {
                try (Http own = new Http(daemon.adminAddress())) {
                  List<Integer> statuses = new ArrayList<>();
                  for (int i = 0; i < 10; i++) {
                    String path =
                        switch ((client + i) % 5) {
                          case 0 -> "/v1/sessions";
                          case 1 -> "/v1/sessions/load";
                          case 2 -> "/v1/services/eth/ranking";
                          case 3 -> "/v1/sessions/load/servicers/slow";
                          default -> "/metrics";
                        };
                    statuses.add(own.get(path).statusCode());
                  }
                  return statuses;
                }
              });
        }
        List<Integer> all = new ArrayList<>();
        for (Future<List<Integer>> f : clients.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
          all.addAll(f.get());
        }
        assertThat(all).hasSize(500).containsOnly(200);
      } finally {
        clients.shutdownNow();
      }

      // The engine's meters (probes, latency, lateness, skew, store, Caffeine) pass the same
      // exposition checks as the daemon's.
      String metrics = http.get("/metrics").body();
      assertThat(Exposition.assertClean(metrics))
          .contains(
              "fisherman_probes_total",
              "fisherman_probe_latency_seconds",
              "fisherman_round_lateness_seconds",
              "fisherman_round_fanout_skew_seconds",
              "fisherman_sessions_active",
              "fisherman_store_sessions");

      Poll.until(
          Duration.ofSeconds(15),
          () -> Http.json(http.get("/v1/sessions/load")).get("state").asText().equals("ended"));
      JsonNode report = Http.json(http.get("/v1/sessions/load"));
      JsonNode slowQos = report.get("servicers").get(1);
      assertThat(slowQos.get("address").asText()).isEqualTo("slow");
      assertThat(slowQos.get("verdicts").get("latency").asText()).isEqualTo("high");
      assertThat(slowQos.get("latency_ms").get("p50").asDouble()).isBetween(295.0, 330.0);
      assertThat(report.get("servicers").get(0).get("verdicts").get("available").asText())
          .isEqualTo("yes");

      daemon.close();
      Accounting a = daemon.engine().accounting();
      assertThat(a.balanced()).isTrue();
      assertThat(a.probesPlanned()).isEqualTo(2L * genesis.qos().probesPerSession());
      assertThat(log.messages())
          .contains(
              "shutdown: planned="
                  + a.probesPlanned()
                  + " recorded="
                  + a.observationsRecorded()
                  + " cancelled="
                  + a.probesCancelled());
    } finally {
      daemon.close();
    }
  }
}
