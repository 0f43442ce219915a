package dev.fisherman.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fisherman.daemon.source.SourceSpec;
import dev.fisherman.daemon.testing.Exposition;
import dev.fisherman.daemon.testing.Http;
import dev.fisherman.genesis.CheckParams;
import dev.fisherman.genesis.ConnectionMode;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.Expect;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.JsonRpcReads;
import dev.fisherman.genesis.Params;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.RelayTemplate;
import dev.fisherman.genesis.SelfCheckParams;
import dev.fisherman.genesis.Service;
import dev.fisherman.genesis.ServiceKind;
import dev.fisherman.genesis.SessionParams;
import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.SimulatedServicer;
import dev.fisherman.testkit.Poll;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's checks end to end over simulated EVM servicers: healthy ones agree on everything, a
 * lagging one is not synced, a forked one is not consistent, one on another chain is {@code chain:
 * no}, and the ranking leaves the three out.
 */
class ChecksDaemonIT {
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
  void evmServicers_eachGetTheirCheckVerdicts_andTheRankingLeavesTheFailingOnesOut()
      throws Exception {
    Service eth =
        new Service(
            "eth",
            ServiceKind.EVM,
            ServiceKind.EVM.preset().orElseThrow(),
            ServiceKind.EVM.defaultExpect(),
            Optional.of("1337"),
            Optional.empty());
    checkVerdicts(eth);
  }

  @Test
  void jsonRpcServiceWithOperatorNamedReads_getsTheSameVerdicts() throws Exception {
    // The height under a method name of the operator's choosing (the simulated servicer answers
    // any unknown method with its height as a hex quantity), the block identifier at a pointer
    // into an object result, the chain id as the whole result.
    JsonRpcReads reads =
        new JsonRpcReads(
            Optional.of(new JsonRpcReads.Read("custom_head", "[]", "")),
            Optional.of(
                new JsonRpcReads.Read(
                    "eth_getBlockByNumber",
                    "[\"" + JsonRpcReads.HEIGHT_HEX + "\",false]",
                    "/hash")),
            Optional.of(new JsonRpcReads.Read("eth_chainId", "[]", "")));
    Service eth =
        new Service(
            "eth",
            ServiceKind.JSONRPC,
            new RelayTemplate(
                "POST",
                "/",
                Map.of(),
                Optional.of(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"custom_head\",\"params\":[],\"id\":1}")),
            new Expect(true),
            Optional.of("1337"),
            Optional.empty(),
            Optional.of(reads));
    checkVerdicts(eth);
    assertThat(sims.get(0).bodies())
        .anyMatch(b -> b.contains("\"method\":\"custom_head\""))
        .anyMatch(b -> b.contains("\"method\":\"eth_getBlockByNumber\""))
        .anyMatch(b -> b.contains("\"method\":\"eth_chainId\""));
  }

  private void checkVerdicts(Service eth) throws Exception {
    QosParams qos =
        new QosParams(
            20,
            Distribution.STRATIFIED,
            Duration.ofMillis(200),
            Duration.ofSeconds(1),
            Duration.ofMillis(250),
            0.9,
            5,
            ConnectionMode.REUSE,
            1 << 20,
            4);
    // An integrity round in every run of two rounds, so a short session holds several.
    CheckParams checks =
        new CheckParams(new CheckParams.Sync(2, 5), new CheckParams.Integrity(2, 10, 100, 0.5));
    Genesis genesis =
        new Genesis(
            "test",
            new Params(
                new SessionParams(4, Duration.ofSeconds(15)),
                qos,
                checks,
                SelfCheckParams.defaults(qos)),
            List.of(eth),
            List.of());
    Map<String, SimulatedServicer> servicers = new LinkedHashMap<>();
    servicers.put("a", sim(Behaviour.healthy()));
    servicers.put("b", sim(Behaviour.healthy()));
    servicers.put("c", sim(Behaviour.healthy()));
    servicers.put("lagging", sim(Behaviour.healthy().withHeightLag(50)));
    servicers.put(
        "forked",
        sim(Behaviour.healthy().forkedFrom(SimulatedServicer.headAt(Instant.now()) - 500)));
    servicers.put("wrong-chain", sim(Behaviour.healthy().onChain("0x1")));
    Daemon daemon =
        Daemon.builder(genesis)
            .admin(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .source(SourceSpec.of("webhook"))
            .probeThreads(1)
            .start();
    try (Http http = new Http(daemon.adminAddress())) {
      StringBuilder list = new StringBuilder();
      servicers.forEach(
          (address, s) ->
              list.append(list.isEmpty() ? "" : ",")
                  .append("{\"address\":\"")
                  .append(address)
                  .append("\",\"url\":\"")
                  .append(s.url())
                  .append("\"}"));
      assertThat(
              http.post(
                      "/v1/sessions",
                      "{\"session_id\":\"checks\",\"service\":\"eth\",\"duration\":\"8s\","
                          + "\"servicers\":["
                          + list
                          + "]}")
                  .statusCode())
          .isEqualTo(202);

      Poll.until(
          Duration.ofSeconds(20),
          () -> Http.json(http.get("/v1/sessions/checks")).get("state").asText().equals("ended"));
      JsonNode report = Http.json(http.get("/v1/sessions/checks"));
      Map<String, JsonNode> byAddress = new HashMap<>();
      report.get("servicers").forEach(s -> byAddress.put(s.get("address").asText(), s));

      assertThat(report.get("head").get("agreed_by").asInt()).isGreaterThanOrEqualTo(2);
      assertThat(report.get("rounds_excluded").get("total").asLong()).isZero();
      for (String healthy : List.of("a", "b", "c")) {
        assertThat(verdicts(byAddress.get(healthy)))
            .as(healthy)
            .containsExactly("yes", "yes", "yes", "yes");
        assertThat(byAddress.get(healthy).get("blocks_behind").asLong()).isBetween(-1L, 1L);
      }
      assertThat(verdicts(byAddress.get("lagging"))).containsExactly("yes", "no", "yes", "yes");
      assertThat(byAddress.get("lagging").get("blocks_behind").asLong()).isBetween(49L, 51L);
      assertThat(verdicts(byAddress.get("forked"))).containsExactly("yes", "yes", "no", "yes");
      assertThat(byAddress.get("forked").get("checks").get("integrity").get("disagreed").asLong())
          .isPositive();
      assertThat(verdicts(byAddress.get("wrong-chain")).get(3)).isEqualTo("no");
      assertThat(byAddress.get("wrong-chain").get("checks").get("chain_id").asText())
          .isEqualTo("0x1");

      String metrics = http.get("/metrics").body();
      assertThat(Exposition.assertClean(metrics))
          .contains("fisherman_checks_total", "fisherman_rounds_excluded_total");
    } finally {
      daemon.close();
    }
  }

  /** available, synced, consistent, chain. */
  private static List<String> verdicts(JsonNode s) {
    JsonNode v = s.get("verdicts");
    return List.of(
        v.get("available").asText(),
        v.get("synced").asText(),
        v.get("consistent").asText(),
        v.get("chain").asText());
  }
}
