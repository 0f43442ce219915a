package dev.fisherman.daemon.source.cometbft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.Fisherman;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.ServicerDetail;
import dev.fisherman.daemon.metrics.DaemonMeters;
import dev.fisherman.daemon.sim.miner.LocalnetKeys;
import dev.fisherman.daemon.sim.miner.RelayMinerServer;
import dev.fisherman.daemon.sim.node.SimulatedNode;
import dev.fisherman.daemon.testing.TestGenesis;
import dev.fisherman.genesis.CheckParams;
import dev.fisherman.genesis.ConnectionMode;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Params;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.SelfCheckParams;
import dev.fisherman.genesis.SessionParams;
import dev.fisherman.shannon.crypto.GatewayKey;
import dev.fisherman.shannon.crypto.PrivateKey;
import dev.fisherman.shannon.crypto.PublicKey;
import dev.fisherman.shannon.miner.MinerBehaviour;
import dev.fisherman.shannon.miner.SimulatedChain;
import dev.fisherman.shannon.miner.SimulatedRelayMiner;
import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.SimulatedServicer;
import dev.fisherman.testkit.Poll;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node source as a Shannon gateway against the simulated node and one simulated RelayMiner per
 * {@link MinerBehaviour}: sessions are probed with signed relays, every RelayMiner error and every
 * response forgery ends in its outcome, and an application that has not delegated is refused.
 */
class ShannonSourceIT {
  private static final Duration BLOCK = Duration.ofMillis(200);
  private static final int BLOCKS_PER_SESSION = 20;
  private static final PrivateKey APP_KEY = LocalnetKeys.key("it application");
  private static final PrivateKey GATEWAY_KEY = LocalnetKeys.key("it gateway");
  private static final String APP = APP_KEY.address().value();

  private EventLoopGroup group;
  private SimulatedServicer backend;
  private final Map<MinerBehaviour, RelayMinerServer> miners = new EnumMap<>(MinerBehaviour.class);
  private SimulatedNode node;
  private Fisherman engine;
  private CometBftSource source;
  private SimpleMeterRegistry registry;
  private Genesis genesis;
  private final List<SessionStarted> submitted = new ArrayList<>();

  private static PrivateKey supplierKey(MinerBehaviour b) {
    return LocalnetKeys.key("it supplier " + b);
  }

  @BeforeEach
  void start() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    backend =
        SimulatedServicer.start(
            group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Behaviour.healthy());
    List<PublicKey> keys = new ArrayList<>(List.of(APP_KEY.publicKey(), GATEWAY_KEY.publicKey()));
    for (MinerBehaviour b : MinerBehaviour.values()) {
      keys.add(supplierKey(b).publicKey());
    }
    SimulatedChain chain =
        SimulatedChain.of(keys, Map.of(APP_KEY.address(), Set.of(GATEWAY_KEY.address())));
    for (MinerBehaviour b : MinerBehaviour.values()) {
      SimulatedRelayMiner miner =
          SimulatedRelayMiner.create(
              supplierKey(b),
              chain,
              RelayMinerServer.forwardingTo(backend.url(), Duration.ofSeconds(5)));
      miner.behave(b);
      miners.put(
          b,
          RelayMinerServer.start(
              group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), miner));
    }
    QosParams qos =
        new QosParams(
            4,
            Distribution.STRATIFIED,
            Duration.ZERO,
            Duration.ofSeconds(2),
            Duration.ofMillis(500),
            0.9,
            1,
            ConnectionMode.REUSE,
            1 << 20,
            100);
    genesis =
        new Genesis(
            "pocket-sim",
            new Params(
                new SessionParams(BLOCKS_PER_SESSION, BLOCK),
                qos,
                CheckParams.DEFAULTS,
                // What is judged here is how answers are classified, not how late a loaded test
                // machine sends: the most lateness the self-check allows.
                new SelfCheckParams(qos.relayTimeout(), 0.8, List.of())),
            List.of(TestGenesis.service("eth")),
            List.of());
    registry = new SimpleMeterRegistry();
    engine = Fisherman.builder(genesis).eventLoopGroup(group).meterRegistry(registry).build();
  }

  private SimulatedNode.Builder nodeBuilder() {
    SimulatedNode.Builder b =
        SimulatedNode.builder()
            .blockInterval(BLOCK)
            .blocksPerSession(BLOCKS_PER_SESSION)
            .startHeight(100)
            .application(APP)
            .account(APP, APP_KEY.publicKey().compressed())
            .account(GATEWAY_KEY.address().value(), GATEWAY_KEY.publicKey().compressed());
    for (Map.Entry<MinerBehaviour, RelayMinerServer> e : miners.entrySet()) {
      String supplier = supplierKey(e.getKey()).address().value();
      b.account(supplier, supplierKey(e.getKey()).publicKey().compressed());
      b.supplier("eth", supplier, e.getValue().url());
    }
    return b;
  }

  private void run() {
    source =
        CometBftSource.builder(genesis)
            .rpc(node.rpcUrl())
            .api(node.apiUrl())
            .application(APP)
            .gateway(GatewayKey.of(GATEWAY_KEY))
            .eventLoops(group)
            .meters(new DaemonMeters(registry))
            .random(new SplittableRandom(7))
            .signingRandom(new SplittableRandom(11))
            .queryRetries(5, Duration.ofMillis(20), Duration.ofMillis(200))
            .build();
    source.start(
        s -> {
          synchronized (submitted) {
            submitted.add(s);
          }
          return engine.submit(s);
        });
  }

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
    engine.close();
    if (node != null) {
      node.close();
    }
    miners.values().forEach(RelayMinerServer::close);
    backend.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private List<Observation> observations(String sessionId, MinerBehaviour b) {
    return engine
        .store()
        .servicer(sessionId, supplierKey(b).address().value())
        .map(ServicerDetail::lastObservations)
        .orElse(List.of());
  }

  @Test
  void delegatedApplication_signedProbes_everyBehaviourClassified() {
    node = nodeBuilder().delegation(APP, GATEWAY_KEY.address().value()).start(group);
    run();
    Poll.until(Duration.ofSeconds(20), () -> !snapshot().isEmpty());
    SessionStarted session = snapshot().get(0);
    assertThat(session.envelope().name()).isEqualTo("shannon");
    assertThat(session.servicers()).hasSize(MinerBehaviour.values().length);
    String id = session.sessionId();
    Poll.until(
        Duration.ofSeconds(20),
        () -> miners.keySet().stream().allMatch(b -> observations(id, b).size() >= 2));

    for (Observation o : observations(id, MinerBehaviour.HONEST)) {
      assertThat(o.outcome()).as(o.detail()).isEqualTo(Outcome.OK);
      assertThat(o.signed()).isTrue();
      assertThat(o.blockHeight()).isPresent();
      assertThat(o.attestation().orElseThrow().signer())
          .isEqualTo(supplierKey(MinerBehaviour.HONEST).address().value());
    }
    Map<MinerBehaviour, Long> codes =
        Map.of(
            MinerBehaviour.MISSING_SESSION_HEADER, 1111L,
            MinerBehaviour.BAD_REQUEST_SIGNATURE, 3L,
            MinerBehaviour.INVALID_SESSION, 1L,
            MinerBehaviour.SUPPLIER_NOT_IN_SESSION, 2L,
            MinerBehaviour.RATE_LIMITED, 7L);
    codes.forEach(
        (b, code) -> {
          for (Observation o : observations(id, b)) {
            assertThat(o.outcome()).as(b + ": " + o.detail()).isEqualTo(Outcome.RELAY_ERROR);
            assertThat(o.rpcErrorCode()).isEqualTo(OptionalLong.of(code));
            assertThat(o.detail()).startsWith(b.error().orElseThrow().codespace() + "/" + code);
            assertThat(o.signed()).isFalse();
          }
        });
    Map<MinerBehaviour, String> forgeries =
        Map.of(
            MinerBehaviour.UNSIGNED, "missing_signature",
            MinerBehaviour.WRONG_SIGNATURE, "invalid_signature",
            MinerBehaviour.TAMPERED_PAYLOAD, "payload_hash_mismatch");
    forgeries.forEach(
        (b, reason) -> {
          for (Observation o : observations(id, b)) {
            assertThat(o.outcome()).as(b + ": " + o.detail()).isEqualTo(Outcome.BAD_SIGNATURE);
            assertThat(o.detail()).startsWith(reason);
            assertThat(o.signed()).isFalse();
          }
        });
  }

  @Test
  void undelegatedApplication_sessionRefusedAndCounted() {
    node = nodeBuilder().start(group);
    run();
    Poll.until(
        Duration.ofSeconds(20),
        () ->
            Optional.ofNullable(
                        registry
                            .find(DaemonMeters.SOURCE_EVENTS)
                            .tags("source", "cometbft", "result", "undelegated")
                            .counter())
                    .map(c -> c.count())
                    .orElse(0.0)
                >= 1);
    assertThat(snapshot()).isEmpty();
    assertThat(engine.store().size()).isZero();

    // Delegating later lets the next session in.
    node.delegate(APP, GATEWAY_KEY.address().value());
    Poll.until(Duration.ofSeconds(20), () -> !snapshot().isEmpty());
    assertThat(snapshot().get(0).envelope().name()).isEqualTo("shannon");
  }

  private List<SessionStarted> snapshot() {
    synchronized (submitted) {
      return List.copyOf(submitted);
    }
  }
}
