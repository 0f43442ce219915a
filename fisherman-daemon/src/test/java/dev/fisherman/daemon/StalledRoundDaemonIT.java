package dev.fisherman.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fisherman.core.Fisherman;
import dev.fisherman.core.sampling.SamplingPlanner;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.daemon.source.SourceSpec;
import dev.fisherman.daemon.testing.Exposition;
import dev.fisherman.daemon.testing.Http;
import dev.fisherman.genesis.CheckParams;
import dev.fisherman.genesis.ConnectionMode;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Params;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.SelfCheckParams;
import dev.fisherman.genesis.Service;
import dev.fisherman.genesis.ServiceKind;
import dev.fisherman.genesis.SessionParams;
import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.SimulatedServicer;
import dev.fisherman.testkit.ManualClock;
import dev.fisherman.testkit.Poll;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The self-check's {@code fisherman_stalled} exclusion through the whole daemon on a manual clock:
 * the test moves time to each planned round, except one that it releases later than {@code
 * max_lateness}, as a GC pause or a suspended VM would. That round, and only that one, is excluded
 * with its reason in the session JSON and in {@code /metrics}; the servicers are not blamed.
 */
class StalledRoundDaemonIT {
  private static final long SEED = 7;
  private static final int ROUNDS = 6;
  private static final Duration RELAY_TIMEOUT = Duration.ofSeconds(1);
  // max_lateness defaults to half of relay_timeout: 500 ms.
  private static final Duration STALL = Duration.ofMillis(700);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final EventLoopGroup simGroup =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private SimulatedServicer a;
  private SimulatedServicer b;

  @AfterEach
  void stop() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    simGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private SimulatedServicer sim() {
    return SimulatedServicer.start(
        simGroup, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Behaviour.healthy());
  }

  private static Genesis genesis() {
    QosParams qos =
        new QosParams(
            ROUNDS,
            Distribution.STRATIFIED,
            Duration.ZERO,
            RELAY_TIMEOUT,
            Duration.ofMillis(250),
            0.9,
            2,
            ConnectionMode.REUSE,
            1 << 20,
            4);
    // No integrity or chain rounds: every round is the same sampling round.
    CheckParams checks =
        new CheckParams(new CheckParams.Sync(2, 5), new CheckParams.Integrity(0, 10, 100, 0.5));
    Service eth =
        new Service(
            "eth",
            ServiceKind.EVM,
            ServiceKind.EVM.preset().orElseThrow(),
            ServiceKind.EVM.defaultExpect(),
            Optional.empty(),
            Optional.empty());
    return new Genesis(
        "test",
        new Params(
            new SessionParams(4, Duration.ofSeconds(15)),
            qos,
            checks,
            SelfCheckParams.defaults(qos)),
        List.of(eth),
        List.of());
  }

  @Test
  void roundReleasedLaterThanMaxLateness_isExcludedAsStalled_inTheSessionJsonAndMetrics()
      throws Exception {
    a = sim();
    b = sim();
    Daemon daemon =
        Daemon.builder(genesis())
            .admin(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .source(SourceSpec.of("webhook"))
            .probeThreads(1)
            .clock(clock)
            .random(new SplittableRandom(SEED))
            .engineFactory(
                (genesis, group, registry, wall, random, export) ->
                    Fisherman.builder(genesis)
                        .eventLoopGroup(group)
                        .meterRegistry(registry)
                        // The manual clock is the engine's ticker too, so lateness is exact.
                        .clock(FishermanClock.of(clock, clock))
                        .random(random.orElseThrow())
                        .export(export)
                        .build())
            .start();
    try (Http http = new Http(daemon.adminAddress())) {
      Instant start = clock.instant();
      Instant end = start.plusSeconds(12);
      assertThat(
              http.post(
                      "/v1/sessions",
                      "{\"session_id\":\"stall\",\"service\":\"eth\",\"duration\":\"12s\","
                          + "\"servicers\":[{\"address\":\"a\",\"url\":\""
                          + a.url()
                          + "\"},{\"address\":\"b\",\"url\":\""
                          + b.url()
                          + "\"}]}")
                  .statusCode())
          .isEqualTo(202);
      // The engine's randomness is seeded and planning is its first draw.
      List<Instant> instants =
          SamplingPlanner.plan(
                  Distribution.STRATIFIED, ROUNDS, start, end, new SplittableRandom(SEED))
              .instants();
      int stalled = -1;
      for (int i = 1; i < ROUNDS - 1 && stalled < 0; i++) {
        if (Duration.between(instants.get(i), instants.get(i + 1)).compareTo(STALL) > 0) {
          stalled = i;
        }
      }
      assertThat(stalled).as("a round with room for the stall before the next").isPositive();

      for (int i = 0; i < ROUNDS; i++) {
        int round = i + 1;
        clock.advanceTo(i == stalled ? instants.get(i).plus(STALL) : instants.get(i));
        Poll.until(
            "round " + round + " recorded",
            Duration.ofSeconds(10),
            () -> {
              JsonNode s = Http.json(http.get("/v1/sessions/stall"));
              for (JsonNode q : s.get("servicers")) {
                if (q.get("probes").asInt() != round) {
                  return false;
                }
              }
              return true;
            });
      }
      clock.advanceTo(end);
      Poll.until(
          "the session to end",
          Duration.ofSeconds(10),
          () -> Http.json(http.get("/v1/sessions/stall")).get("state").asText().equals("ended"));

      JsonNode session = Http.json(http.get("/v1/sessions/stall"));
      assertThat(session.get("rounds_done").asInt()).isEqualTo(ROUNDS);
      assertThat(session.get("rounds_excluded"))
          .isEqualTo(Http.json("{\"total\":1,\"fisherman_network\":0,\"fisherman_stalled\":1}"));
      for (JsonNode q : session.get("servicers")) {
        String address = q.get("address").asText();
        assertThat(q.get("outcomes"))
            .as(address)
            .isEqualTo(Http.json("{\"ok\":" + (ROUNDS - 1) + ",\"excluded\":1}"));
        // Excluded probes are not judged: availability counts the other rounds only.
        assertThat(q.get("availability").asDouble()).as(address).isEqualTo(1.0);
        assertThat(q.get("verdicts").get("available").asText()).as(address).isEqualTo("yes");
      }
      JsonNode probes =
          Http.json(http.get("/v1/sessions/stall/servicers/a")).get("last_observations");
      long excluded = 0;
      for (JsonNode o : probes) {
        if (o.get("outcome").asText().equals("excluded")) {
          excluded++;
          assertThat(o.get("detail").asText()).isEqualTo("fisherman_stalled (was ok)");
        }
      }
      assertThat(excluded).isEqualTo(1);

      String metrics = http.get("/metrics").body();
      Exposition.assertClean(metrics);
      assertThat(metrics)
          .contains(
              "fisherman_rounds_excluded_total{reason=\"fisherman_stalled\",service=\"eth\"} 1.0")
          .contains(
              "fisherman_rounds_excluded_total{reason=\"fisherman_network\",service=\"eth\"} 0.0");
    } finally {
      daemon.close();
    }
  }
}
