package dev.fisherman.daemon.source.cometbft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.Admission;
import dev.fisherman.core.Fisherman;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.SessionSummary;
import dev.fisherman.daemon.metrics.DaemonMeters;
import dev.fisherman.daemon.sim.node.SimulatedNode;
import dev.fisherman.daemon.testing.TestGenesis;
import dev.fisherman.genesis.ConnectionMode;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Params;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.RpcType;
import dev.fisherman.genesis.Service;
import dev.fisherman.genesis.SessionParams;
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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CometBFT source against the simulated node, one fault per test; each ends with every session
 * of the run discovered exactly once and probed.
 */
class CometBftSourceIT {
  private static final String APP = "pokt1app";
  private static final Duration BLOCK = Duration.ofMillis(150);
  private static final int BLOCKS_PER_SESSION = 6;

  private EventLoopGroup group;
  private SimulatedServicer servicer;
  private SimulatedNode node;
  private Fisherman engine;
  private CometBftSource source;
  private SimpleMeterRegistry registry;
  private Genesis genesis;
  private final List<SessionStarted> submitted = new ArrayList<>();

  @BeforeEach
  void start() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    servicer =
        SimulatedServicer.start(
            group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Behaviour.healthy());
    node =
        SimulatedNode.builder()
            .blockInterval(BLOCK)
            .blocksPerSession(BLOCKS_PER_SESSION)
            .startHeight(100)
            .application(APP)
            .supplier("eth", "pokt1supplier", servicer.url())
            .supplier(new SimulatedNode.Supplier("eth", "pokt1grpc", servicer.url(), "GRPC"))
            .start(group);
    genesis =
        new Genesis(
            "pocket-sim",
            new Params(
                new SessionParams(BLOCKS_PER_SESSION, BLOCK),
                new QosParams(
                    2,
                    Distribution.STRATIFIED,
                    Duration.ZERO,
                    Duration.ofSeconds(1),
                    Duration.ofMillis(500),
                    0.9,
                    1,
                    ConnectionMode.REUSE,
                    1 << 20,
                    // Long retention: every session of the run is still readable at the end.
                    100)),
            List.of(TestGenesis.service("eth")),
            List.of());
    registry = new SimpleMeterRegistry();
    engine = Fisherman.builder(genesis).eventLoopGroup(group).meterRegistry(registry).build();
  }

  private CometBftSource.Builder sourceBuilder() {
    return CometBftSource.builder(genesis)
        .rpc(node.rpcUrl())
        .api(node.apiUrl())
        .application(APP)
        .eventLoops(group)
        .meters(new DaemonMeters(registry))
        .random(new SplittableRandom(7))
        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
        .queryRetries(5, Duration.ofMillis(20), Duration.ofMillis(200))
        .stallAfter(4, Duration.ofMillis(600));
  }

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
    engine.close();
    node.close();
    servicer.close();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  private long run() {
    return run(sourceBuilder());
  }

  /** Starts the source; the node's height when it became ready. */
  private long run(CometBftSource.Builder builder) {
    source = builder.build();
    source.start(
        s -> {
          synchronized (submitted) {
            submitted.add(s);
          }
          return engine.submit(s);
        });
    Poll.until(Duration.ofSeconds(10), () -> source.check().ok());
    return node.height();
  }

  /** Waits until the source has seen {@code blocks} more heights than now. */
  private void runFor(int blocks) {
    long target = node.height() + blocks;
    Poll.until(Duration.ofSeconds(20), () -> source.lastHeight() >= target);
  }

  private static List<String> ids(List<SessionStarted> sessions) {
    return sessions.stream()
        .map(
            s ->
                s.sessionId()
                    + "@"
                    + s.startHeight().orElseThrow()
                    + ".."
                    + s.endHeight().orElseThrow())
        .toList();
  }

  private List<SessionStarted> submitted() {
    synchronized (submitted) {
      return List.copyOf(submitted);
    }
  }

  /** Every session from the first one found to the last height seen: once each, and probed. */
  private void assertEverySessionOnceAndProbed(long heightWhenReady) {
    long last = source.lastHeight();
    // The header that opens a session is seen before the node answers the query it causes: wait
    // for the answer, so the snapshot holds every session up to the last height seen.
    try {
      Poll.until(
          Duration.ofSeconds(10),
          () ->
              submitted().stream()
                  .anyMatch(
                      s ->
                          s.endHeight().orElseThrow() >= last
                              && s.startHeight().orElseThrow() <= last));
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage() + ": no session covers height " + last + " in " + ids(submitted()), e);
    }
    List<SessionStarted> got = submitted();
    assertThat(got).isNotEmpty();
    long firstStart = got.get(0).startHeight().orElseThrow();
    assertThat(firstStart).isLessThanOrEqualTo(heightWhenReady + 1);
    List<String> expected =
        node.sessions(APP, "eth", firstStart, last).stream()
            .map(SimulatedNode.Session::sessionId)
            .toList();
    Map<String, Long> counts =
        got.stream()
            .collect(Collectors.groupingBy(SessionStarted::sessionId, Collectors.counting()));
    assertThat(counts.values()).allMatch(c -> c == 1);
    assertThat(got.stream().map(SessionStarted::sessionId).toList())
        .containsExactlyElementsOf(expected);
    for (SessionStarted s : got) {
      assertThat(s.servicers())
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.address()).isEqualTo("pokt1supplier");
                assertThat(x.url()).isEqualTo(servicer.url());
              });
      assertThat(s.endHeight().orElseThrow() - s.startHeight().orElseThrow())
          .isEqualTo(BLOCKS_PER_SESSION - 1);
    }
    Map<String, SessionSummary> stored =
        engine.store().sessions().stream()
            .collect(Collectors.toMap(SessionSummary::sessionId, Function.identity()));
    try {
      Poll.until(
          Duration.ofSeconds(10),
          () ->
              expected.stream()
                  .allMatch(
                      id ->
                          engine
                              .store()
                              .session(id)
                              .map(r -> r.summary().roundsDone() > 0)
                              .orElse(false)));
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage() + ": expected " + expected + " stored " + engine.store().sessions(), e);
    }
    assertThat(stored.keySet()).containsAll(expected.subList(0, expected.size() - 1));
    assertThat(servicer.requests()).isGreaterThanOrEqualTo(expected.size());
  }

  private double counter(String name, String tag, String value) {
    var c = registry.find(name);
    if (tag != null) {
      c = c.tag(tag, value);
    }
    return c.counter() == null ? 0 : c.counter().count();
  }

  @Test
  void serviceRpcType_picksTheSuppliersEndpointsOfThatType() {
    node.close();
    node =
        SimulatedNode.builder()
            .blockInterval(BLOCK)
            .blocksPerSession(BLOCKS_PER_SESSION)
            .startHeight(100)
            .application(APP)
            .supplier("eth", "pokt1supplier", servicer.url())
            .supplier(new SimulatedNode.Supplier("eth", "pokt1rest", servicer.url(), "REST"))
            .start(group);
    Service eth = TestGenesis.service("eth");
    genesis =
        new Genesis(
            genesis.chainId(),
            genesis.params(),
            List.of(
                new Service(
                    eth.id(),
                    eth.kind(),
                    eth.relay(),
                    eth.expect(),
                    eth.chainId(),
                    eth.checks(),
                    RpcType.REST)),
            List.of());

    run(sourceBuilder());
    Poll.until(Duration.ofSeconds(10), () -> !submitted().isEmpty());

    assertThat(submitted().get(0).servicers())
        .extracting(s -> s.address())
        .containsExactly("pokt1rest");
    assertThat(submitted().get(0).envelope().direct()).isTrue();
  }

  @Test
  void noFault_discoversEverySessionOnce() {
    long h0 = run();
    runFor(BLOCKS_PER_SESSION * 3);
    assertEverySessionOnceAndProbed(h0);
    assertThat(counter(DaemonMeters.NODE_HEIGHTS, null, null)).isGreaterThanOrEqualTo(18);
    assertThat(counter(DaemonMeters.NODE_GAPS, null, null)).isZero();
    assertThat(registry.find(DaemonMeters.NODE_BLOCK_TIME).gauge().value()).isBetween(0.05, 0.5);
  }

  @Test
  void droppedWebsocket_reconnectsAndKeepsEverySession() {
    long h0 = run();
    runFor(BLOCKS_PER_SESSION + 1);
    long subscribes = node.subscribes();
    node.dropWebsockets();
    Poll.until(Duration.ofSeconds(10), () -> node.subscribes() > subscribes);
    runFor(BLOCKS_PER_SESSION * 2);
    assertThat(counter(DaemonMeters.NODE_RECONNECTS, "reason", "closed")).isGreaterThanOrEqualTo(1);
    assertThat(node.websocketConnections()).isGreaterThanOrEqualTo(2);
    assertEverySessionOnceAndProbed(h0);
  }

  @Test
  void silentNode_isReconnectedAfterTheStall() {
    long h0 = run(sourceBuilder().stallAfter(2, Duration.ofMillis(250)));
    runFor(BLOCKS_PER_SESSION);
    long connections = node.websocketConnections();
    node.silence(true);
    Poll.until(Duration.ofSeconds(10), () -> !source.check().ok());
    assertThat(source.check().detail()).startsWith("reconnecting (no block for");
    node.silence(false);
    Poll.until(Duration.ofSeconds(10), () -> node.websocketConnections() > connections);
    runFor(BLOCKS_PER_SESSION * 2);
    assertThat(counter(DaemonMeters.NODE_RECONNECTS, "reason", "stalled"))
        .isGreaterThanOrEqualTo(1);
    assertThat(counter(DaemonMeters.NODE_GAPS, null, null)).isGreaterThanOrEqualTo(1);
    assertEverySessionOnceAndProbed(h0);
  }

  @Test
  void skippedHeights_countAsAGapAndLoseNoBoundary() {
    // A stall detector slower than the skips, so that the gaps are the only fault.
    long h0 = run(sourceBuilder().stallAfter(10, Duration.ofSeconds(3)));
    runFor(BLOCKS_PER_SESSION);
    for (int i = 0; i < 3; i++) {
      node.skipHeights(BLOCKS_PER_SESSION - 2);
      runFor(BLOCKS_PER_SESSION + 1);
    }
    assertThat(counter(DaemonMeters.NODE_GAPS, null, null)).isGreaterThanOrEqualTo(3);
    assertEverySessionOnceAndProbed(h0);
  }

  @Test
  void canceledSubscription_isRenewedOnTheSameConnection() {
    long h0 = run();
    runFor(BLOCKS_PER_SESSION);
    long subscribes = node.subscribes();
    node.cancelSubscriptions();
    Poll.until(Duration.ofSeconds(10), () -> node.subscribes() > subscribes);
    runFor(BLOCKS_PER_SESSION * 2);
    assertThat(node.websocketConnections()).isEqualTo(1);
    assertThat(counter(DaemonMeters.NODE_RECONNECTS, "reason", "canceled")).isEqualTo(1);
    assertEverySessionOnceAndProbed(h0);
  }

  @Test
  void aheadAnswer_isRetried() {
    node.aheadOnce();
    long h0 = run();
    runFor(BLOCKS_PER_SESSION * 2);
    node.aheadOnce();
    runFor(BLOCKS_PER_SESSION * 2);
    assertThat(counter(DaemonMeters.NODE_QUERIES, "result", "retried")).isEqualTo(2);
    assertThat(counter(DaemonMeters.NODE_QUERIES, "result", "failed")).isZero();
    assertEverySessionOnceAndProbed(h0);
  }

  @Test
  void slowRest_stillFindsEverySession() {
    long h0 = run();
    Poll.until(Duration.ofSeconds(10), () -> !submitted().isEmpty());
    node.slowRest(BLOCK.multipliedBy(2));
    runFor(BLOCKS_PER_SESSION * 3);
    assertThat(counter(DaemonMeters.NODE_QUERIES, "result", "ok")).isGreaterThanOrEqualTo(3);
    assertEverySessionOnceAndProbed(h0);
  }

  @Test
  void sink_admissionIsCounted() {
    run();
    runFor(BLOCKS_PER_SESSION + 1);
    assertThat(counter(DaemonMeters.SOURCE_EVENTS, "result", "accepted"))
        .isEqualTo(submitted().size());
    assertThat(submitted()).isNotEmpty();
    assertThat(engine.submit(submitted().get(0))).isEqualTo(Admission.DUPLICATE);
  }
}
