package dev.fisherman.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.check.ResponseCheck;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeLabel;
import dev.fisherman.core.testkit.Genesises;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.genesis.AddressRange;
import dev.fisherman.genesis.ConnectionMode;
import dev.fisherman.genesis.LimitsParams;
import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.Failure;
import dev.fisherman.sim.SimulatedServicer;
import dev.fisherman.testkit.ManualClock;
import dev.fisherman.testkit.NoLeaks;
import dev.fisherman.testkit.Poll;
import dev.fisherman.testkit.Servicers;
import dev.fisherman.testkit.Tls;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeaks.class)
class RelayClientIT {
  private static final Duration TIMEOUT = Duration.ofMillis(800);

  /**
   * For the TLS tests: the first handshake in a JVM loads and initialises the TLS provider, which
   * on a busy machine takes longer than {@link #TIMEOUT}; these tests are about what the handshake
   * decides, not about how long it may take.
   */
  private static final Duration TLS_TIMEOUT = Duration.ofSeconds(15);

  private static final long TIMEOUT_NANOS = TIMEOUT.toNanos();
  private static final long MS = 1_000_000L;

  private static EventLoopGroup serverGroup;
  private static EventLoopGroup clientGroup;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeAll
  static void groups() {
    serverGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    clientGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void shutdown() {
    clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
  }

  private RelayClient client(ConnectionMode mode, int maxResponseBytes) {
    return client(mode, maxResponseBytes, TIMEOUT);
  }

  private RelayClient client(ConnectionMode mode, int maxResponseBytes, Duration timeout) {
    RelayClient client =
        RelayClient.create(
            clientGroup,
            RelayClientConfig.from(
                Genesises.qos(
                    12,
                    dev.fisherman.genesis.Distribution.STRATIFIED,
                    Duration.ZERO,
                    timeout,
                    mode,
                    maxResponseBytes)));
    closeables.add(client);
    return client;
  }

  private RelayClient client() {
    return client(ConnectionMode.REUSE, 1_048_576);
  }

  private SimulatedServicer servicer(Behaviour behaviour) throws InterruptedException {
    SimulatedServicer s = Servicers.start(serverGroup, behaviour);
    closeables.add(s);
    return s;
  }

  private static Observation probe(RelayClient client, URI url, long id) {
    return client.probe(url, RelayRequest.of(Genesises.ETH, id)).join();
  }

  @Test
  void probe_fastServicer_isOkWithBlockHeightAndPhaseTimings() throws Exception {
    SimulatedServicer s = servicer(Behaviour.healthy());

    Observation o = probe(client(), s.url(), 4242);

    assertThat(o.outcome()).isEqualTo(Outcome.OK);
    assertThat(o.detail()).isEmpty();
    assertThat(o.httpStatus()).hasValue(200);
    assertThat(o.blockHeight()).hasValue(16);
    assertThat(o.rpcErrorCode()).isEmpty();
    assertThat(o.connectNanos()).isPresent();
    assertThat(o.connectNanos().getAsLong()).isPositive();
    assertThat(o.firstByteNanos().getAsLong())
        .isGreaterThan(o.connectNanos().getAsLong())
        .isLessThanOrEqualTo(o.totalNanos());
    assertThat(o.totalNanos()).isLessThan(200 * MS);
    assertThat(o.latenessNanos()).isBetween(0L, 200 * MS);
    assertThat(s.bodies())
        .containsExactly(
            "{\"id\":4242,\"jsonrpc\":\"2.0\",\"method\":\"eth_blockNumber\",\"params\":[]}");
  }

  @Test
  void probe_reuse_sendsLaterProbesOnTheSameConnection() throws Exception {
    SimulatedServicer s = servicer(Behaviour.healthy());
    RelayClient client = client();

    Observation first = probe(client, s.url(), 1);
    Observation second = probe(client, s.url(), 2);
    Observation third = probe(client, s.url(), 3);

    assertThat(List.of(first.outcome(), second.outcome(), third.outcome()))
        .containsOnly(Outcome.OK);
    assertThat(first.connectNanos()).isPresent();
    assertThat(second.connectNanos()).isEmpty();
    assertThat(third.connectNanos()).isEmpty();
    assertThat(s.connections()).isEqualTo(1);
    assertThat(client.inFlight()).isZero();
  }

  @Test
  void probe_reuseWithAProbeInFlight_opensASecondConnectionInsteadOfPipelining() throws Exception {
    SimulatedServicer s = Servicers.start(serverGroup, Behaviour.slow(Duration.ofMillis(100)));
    closeables.add(s);
    RelayClient client = client();

    CompletableFuture<Observation> a = client.probe(s.url(), RelayRequest.of(Genesises.ETH, 1));
    CompletableFuture<Observation> b = client.probe(s.url(), RelayRequest.of(Genesises.ETH, 2));

    assertThat(a.join().outcome()).isEqualTo(Outcome.OK);
    assertThat(b.join().outcome()).isEqualTo(Outcome.OK);
    assertThat(s.connections()).isEqualTo(2);
  }

  @Test
  void idleConnection_isClosedAfterTheIdleTimeout() throws Exception {
    SimulatedServicer s = servicer(Behaviour.healthy());
    RelayClient client =
        RelayClient.create(
            clientGroup,
            new RelayClientConfig(
                TIMEOUT,
                1_048_576,
                ConnectionMode.REUSE,
                Optional.empty(),
                Duration.ofMillis(200)));
    closeables.add(client);

    assertThat(probe(client, s.url(), 1).outcome()).isEqualTo(Outcome.OK);
    Poll.until("idle connection closed", Duration.ofSeconds(5), () -> s.closedConnections() > 0);

    Observation next = probe(client, s.url(), 2);
    assertThat(next.outcome()).isEqualTo(Outcome.OK);
    assertThat(next.connectNanos()).isPresent();
    assertThat(s.connections()).isEqualTo(2);
  }

  @Test
  void probe_fresh_opensOneConnectionPerProbe() throws Exception {
    SimulatedServicer s = servicer(Behaviour.healthy());
    RelayClient client = client(ConnectionMode.FRESH, 1_048_576);

    for (int i = 0; i < 3; i++) {
      Observation o = probe(client, s.url(), i + 1);
      assertThat(o.outcome()).isEqualTo(Outcome.OK);
      assertThat(o.connectNanos()).isPresent();
    }
    assertThat(s.connections()).isEqualTo(3);
  }

  @Test
  void probe_servicerAnsweringAfter300ms_measures300msWithin5msOfWhatTheServicerTook()
      throws Exception {
    SimulatedServicer s = Servicers.start(serverGroup, Behaviour.slow(Duration.ofMillis(300)));
    closeables.add(s);
    RelayClient client = client();
    probe(client, s.url(), 1); // opens the connection so only the answer is timed
    List<Long> gaps = new ArrayList<>();

    for (int i = 0; i < 9; i++) {
      Observation o = probe(client, s.url(), i + 2);

      assertThat(o.outcome()).isEqualTo(Outcome.OK);
      long held = s.heldNanos().get(i + 1);
      assertThat(held).isGreaterThanOrEqualTo(300 * MS);
      assertThat(o.totalNanos()).isGreaterThanOrEqualTo(held);
      assertThat(o.firstByteNanos().getAsLong()).isBetween(held, o.totalNanos());
      gaps.add(o.totalNanos() - held);
    }

    // The servicer's clock says how long it held each answer; the probe agrees within 5 ms. The
    // median of nine keeps a few descheduled threads on a busy machine from deciding the outcome.
    List<Long> sorted = gaps.stream().sorted().toList();
    assertThat(sorted.get(4)).as("median gap, all: " + gaps).isBetween(0L, 5 * MS);
  }

  @Test
  void probe_refusedConnection_isRefused() throws Exception {
    Observation o = probe(client(), Servicers.refusingUrl(), 1);

    assertThat(o.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(o.detail()).contains("refused");
    assertThat(o.connectNanos()).isEmpty();
    assertThat(o.firstByteNanos()).isEmpty();
    assertThat(o.httpStatus()).isEmpty();
    assertThat(o.totalNanos()).isBetween(0L, 200 * MS);
  }

  @Test
  void probe_resetMidBody_isReset() throws Exception {
    SimulatedServicer s = servicer(Behaviour.always(Failure.RESET));

    Observation o = probe(client(), s.url(), 1);

    assertThat(o.outcome()).isEqualTo(Outcome.RESET);
    assertThat(o.connectNanos()).isPresent();
    assertThat(o.totalNanos()).isBetween(o.connectNanos().getAsLong(), 200 * MS);
  }

  @Test
  void probe_servicerNeverAnswering_timesOutAtTheRelayTimeout() throws Exception {
    SimulatedServicer s = servicer(Behaviour.always(Failure.HANG));
    RelayClient client = client();

    Observation o = probe(client, s.url(), 1);

    assertThat(o.outcome()).isEqualTo(Outcome.TIMEOUT_RESPONSE);
    assertThat(o.detail()).isEqualTo("no answer within 800ms");
    assertThat(o.connectNanos()).isPresent();
    assertThat(o.firstByteNanos()).isEmpty();
    assertThat(o.totalNanos()).isBetween(TIMEOUT_NANOS, TIMEOUT_NANOS + 50 * MS);
    assertThat(client.inFlight()).isZero();
  }

  @Test
  void probe_garbageAnswer_isInvalidResponse() throws Exception {
    SimulatedServicer s = servicer(Behaviour.always(Failure.NOT_HTTP));

    Observation o = probe(client(), s.url(), 1);

    assertThat(o.outcome()).isEqualTo(Outcome.INVALID_RESPONSE);
    assertThat(o.detail()).startsWith("not HTTP");
    assertThat(o.firstByteNanos()).isPresent();
    assertThat(o.totalNanos()).isLessThan(200 * MS);
  }

  @Test
  void probe_http500_isHttpStatusWithTheCode() throws Exception {
    SimulatedServicer s = servicer(Behaviour.always(Failure.HTTP_STATUS).withHttpStatus(500));

    Observation o = probe(client(), s.url(), 1);

    assertThat(o.outcome()).isEqualTo(Outcome.HTTP_STATUS);
    assertThat(o.httpStatus()).hasValue(500);
    assertThat(o.detail()).isEqualTo("HTTP 500");
    assertThat(o.totalNanos()).isLessThan(200 * MS);
  }

  @Test
  void probe_jsonRpcError_isRpcErrorWithTheCode() throws Exception {
    SimulatedServicer s = servicer(Behaviour.always(Failure.RPC_ERROR));

    Observation o = probe(client(), s.url(), 7);

    assertThat(o.outcome()).isEqualTo(Outcome.RPC_ERROR);
    assertThat(o.rpcErrorCode()).hasValue(-32000);
    assertThat(o.httpStatus()).hasValue(200);
    assertThat(o.detail()).isEqualTo("JSON-RPC error -32000");
  }

  @Test
  void probe_bodyOverTheCap_isTooLargeAndClosesTheConnection() throws Exception {
    SimulatedServicer s = servicer(Behaviour.always(Failure.HUGE_CHUNKED_BODY));
    RelayClient client = client(ConnectionMode.REUSE, 65_536);

    Observation first = probe(client, s.url(), 1);
    Observation second = probe(client, s.url(), 2);

    assertThat(first.outcome()).isEqualTo(Outcome.TOO_LARGE);
    assertThat(first.detail()).isEqualTo("body over exceeds max_response_bytes 65536");
    assertThat(first.totalNanos()).isLessThan(500 * MS);
    assertThat(second.outcome()).isEqualTo(Outcome.TOO_LARGE);
    assertThat(second.connectNanos())
        .as("a too-large answer's connection is not reused")
        .isPresent();
    assertThat(s.connections()).isEqualTo(2);
  }

  @Test
  void probe_closeWithoutAnswering_isReset() throws Exception {
    SimulatedServicer s = servicer(Behaviour.always(Failure.CLOSE));

    Observation o = probe(client(), s.url(), 1);

    assertThat(o.outcome()).isEqualTo(Outcome.RESET);
    assertThat(o.detail()).isEqualTo("connection closed without an answer");
    assertThat(o.firstByteNanos()).isEmpty();
    assertThat(o.totalNanos()).isLessThan(200 * MS);
  }

  @Test
  void probe_wrongId_isInvalidResponse() throws Exception {
    SimulatedServicer s = servicer(Behaviour.always(Failure.WRONG_ID));

    Observation o = probe(client(), s.url(), 41);

    assertThat(o.outcome()).isEqualTo(Outcome.INVALID_RESPONSE);
    assertThat(o.detail()).isEqualTo("wrong id 42 (expected: 41)");
  }

  @Test
  void probe_missingResult_isInvalidResponse() throws Exception {
    SimulatedServicer s = servicer(Behaviour.always(Failure.MISSING_RESULT));

    Observation o = probe(client(), s.url(), 1);

    assertThat(o.outcome()).isEqualTo(Outcome.INVALID_RESPONSE);
    assertThat(o.detail()).isEqualTo("missing result");
  }

  @Test
  void probe_bodyNotJson_isInvalidResponse() throws Exception {
    SimulatedServicer s = servicer(Behaviour.always(Failure.GARBAGE));

    Observation o = probe(client(), s.url(), 1);

    assertThat(o.outcome()).isEqualTo(Outcome.INVALID_RESPONSE);
    assertThat(o.detail()).isEqualTo("not JSON");
  }

  @Test
  void probe_httpsToAPlainServicer_isTls() throws Exception {
    SimulatedServicer s = servicer(Behaviour.healthy());
    URI https = URI.create("https://127.0.0.1:" + s.url().getPort());

    Observation o = probe(client(), https, 1);

    assertThat(o.outcome()).isEqualTo(Outcome.TLS);
    assertThat(o.detail()).startsWith("TLS: ");
    assertThat(o.connectNanos()).isEmpty();
  }

  @Test
  void probe_reusedConnectionClosedByTheServicer_isRetriedOnceOnAFreshConnection()
      throws Exception {
    SimulatedServicer s = servicer(Behaviour.always(Failure.CLOSE_AFTER_FIRST_ANSWER));
    RelayClient client = client();

    Observation first = probe(client, s.url(), 1);
    Observation second = probe(client, s.url(), 2);

    assertThat(first.outcome()).isEqualTo(Outcome.OK);
    assertThat(second.outcome()).isEqualTo(Outcome.OK);
    assertThat(second.connectNanos()).isPresent();
    assertThat(s.connections()).isEqualTo(2);
    assertThat(s.requests()).isEqualTo(3);
  }

  @Test
  void prepare_opensAConnectionAheadThatTheFirstProbeUses() throws Exception {
    SimulatedServicer s = servicer(Behaviour.healthy());
    RelayClient client = client();

    client.prepare(List.of(s.url())).get(10, TimeUnit.SECONDS);
    client.prepare(List.of(s.url())).get(10, TimeUnit.SECONDS);
    Observation first = probe(client, s.url(), 1);

    assertThat(first.outcome()).isEqualTo(Outcome.OK);
    assertThat(first.connectNanos()).as("the first probe connected inside its round").isEmpty();
    assertThat(s.connections()).as("a second prepare opens no second connection").isEqualTo(1);
  }

  @Test
  void prepare_severalServicersOnOneLoop_opensOneConnectionEach_andCompletesWhenAllAreOver()
      throws Exception {
    SimulatedServicer a = servicer(Behaviour.healthy());
    SimulatedServicer b = servicer(Behaviour.healthy());
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    URI unreachable = URI.create("http://127.0.0.1:" + port);
    RelayClient client = client();

    client.prepare(List.of(a.url(), unreachable, b.url())).get(10, TimeUnit.SECONDS);
    Observation toA = probe(client, a.url(), 1);
    Observation toB = probe(client, b.url(), 2);

    assertThat(toA.connectNanos()).as("the probe to a connected inside its round").isEmpty();
    assertThat(toB.connectNanos()).as("the probe to b connected inside its round").isEmpty();
    assertThat(a.connections()).isEqualTo(1);
    assertThat(b.connections()).isEqualTo(1);
    assertThat(probe(client, unreachable, 3).outcome()).isEqualTo(Outcome.REFUSED);
  }

  @Test
  void prepare_servicerClosingAtTheFirstRequest_isResetWithoutARetry() throws Exception {
    SimulatedServicer s = servicer(Behaviour.always(Failure.CLOSE));
    RelayClient client = client();
    client.prepare(List.of(s.url())).get(10, TimeUnit.SECONDS);

    Observation o = probe(client, s.url(), 1);

    assertThat(o.outcome()).isEqualTo(Outcome.RESET);
    // A connection that never carried an answer was not dropped as idle: no second request.
    assertThat(s.requests()).isEqualTo(1);
    assertThat(s.connections()).isEqualTo(1);
  }

  @Test
  void prepare_freshConnectionMode_opensNothing() throws Exception {
    SimulatedServicer s = servicer(Behaviour.healthy());
    RelayClient client = client(ConnectionMode.FRESH, 1_048_576);

    client.prepare(List.of(s.url())).get(10, TimeUnit.SECONDS);

    assertThat(s.connections()).isZero();
  }

  @Test
  void prepare_unreachableServicer_completesAndLeavesTheFailureToTheProbe() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port);
    RelayClient client = client();

    client.prepare(List.of(url)).get(10, TimeUnit.SECONDS);

    assertThat(probe(client, url, 1).outcome()).isEqualTo(Outcome.REFUSED);
  }

  /**
   * Low-rate exactness, asserted on the clock rather than timed: the engine clock stands still
   * except inside the response check, which moves it by a second. A probe's latency is stamped at
   * the socket, so the check (like the codecs) stays out of it for the first probe of a connection
   * as for every later one, cold code or warm.
   */
  @Test
  void probe_latencyIsStampedAtTheSocket_theCheckStaysOutOfItFromTheFirstProbeOn()
      throws Exception {
    SimulatedServicer s = servicer(Behaviour.healthy());
    ManualClock manual = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    RelayClient client =
        RelayClient.create(
            clientGroup,
            RelayClientConfig.from(
                Genesises.qos(
                    12,
                    dev.fisherman.genesis.Distribution.STRATIFIED,
                    Duration.ZERO,
                    TIMEOUT,
                    ConnectionMode.REUSE,
                    1_048_576)),
            FishermanClock.of(manual, manual));
    closeables.add(client);

    List<Observation> probes = new ArrayList<>();
    for (int id = 1; id <= 4; id++) {
      RelayRequest plain = RelayRequest.of(Genesises.ETH, id);
      ResponseCheck slow =
          new ResponseCheck() {
            @Override
            public boolean readsBody(int status) {
              return plain.check().readsBody(status);
            }

            @Override
            public Verdict judge(
                int status, byte[] body, int offset, int length, OptionalLong requestId) {
              manual.advance(Duration.ofSeconds(1));
              return plain.check().judge(status, body, offset, length, requestId);
            }
          };
      Map<String, String> headers = new LinkedHashMap<>();
      plain.headers().forEach(e -> headers.put(e.getKey(), e.getValue()));
      RelayRequest request =
          RelayRequest.create(
              plain.method(),
              plain.path(),
              headers,
              plain.bodyText().getBytes(StandardCharsets.UTF_8),
              plain.jsonRpcId(),
              slow);
      probes.add(
          client
              .probe(s.url(), request, ProbeLabel.now("s", FishermanClock.of(manual, manual)))
              .join());
    }

    assertThat(probes).extracting(Observation::outcome).containsOnly(Outcome.OK);
    assertThat(probes.get(0).connectNanos()).hasValue(0L);
    assertThat(probes.subList(1, 4)).allSatisfy(o -> assertThat(o.connectNanos()).isEmpty());
    assertThat(probes).extracting(Observation::totalNanos).containsOnly(0L);
    assertThat(probes).extracting(o -> o.firstByteNanos().orElseThrow()).containsOnly(0L);
  }

  @Test
  void probe_httpsServicerWithATrustedCertificate_isOk() throws Exception {
    Tls tls = Tls.selfSigned("ip:127.0.0.1");
    SimulatedServicer s = Servicers.tls(serverGroup, tls.server());
    closeables.add(s);
    RelayClient client =
        RelayClient.create(
            clientGroup,
            RelayClientConfig.from(
                    Genesises.qos(
                        12,
                        dev.fisherman.genesis.Distribution.STRATIFIED,
                        Duration.ZERO,
                        TLS_TIMEOUT))
                .withSslContext(tls.client()));
    closeables.add(client);

    Observation first = probe(client, s.url(), 5);
    Observation second = probe(client, s.url(), 6);

    assertThat(first.outcome()).as(first.toString()).isEqualTo(Outcome.OK);
    assertThat(first.connectNanos()).isPresent();
    assertThat(second.outcome()).isEqualTo(Outcome.OK);
    assertThat(second.connectNanos()).isEmpty();
    assertThat(s.connections()).isEqualTo(1);
  }

  @Test
  void probe_httpsCertificateForAnotherHost_isTls() throws Exception {
    Tls tls = Tls.selfSigned("dns:servicer.example");
    SimulatedServicer s = Servicers.tls(serverGroup, tls.server());
    closeables.add(s);
    RelayClient client =
        RelayClient.create(
            clientGroup,
            RelayClientConfig.from(
                    Genesises.qos(
                        12,
                        dev.fisherman.genesis.Distribution.STRATIFIED,
                        Duration.ZERO,
                        TLS_TIMEOUT))
                .withSslContext(tls.client()));
    closeables.add(client);

    Observation o = probe(client, s.url(), 5);

    assertThat(o.outcome()).isEqualTo(Outcome.TLS);
    assertThat(o.detail()).startsWith("TLS: ").contains("127.0.0.1");
    assertThat(o.connectNanos()).isEmpty();
  }

  void probe_httpsWithDefaultTrust_rejectsASelfSignedCertificate() throws Exception {
    Tls tls = Tls.selfSigned("ip:127.0.0.1");
    SimulatedServicer s = Servicers.tls(serverGroup, tls.server());
    closeables.add(s);

    RelayClient client =
        RelayClient.create(
            clientGroup,
            RelayClientConfig.from(
                Genesises.qos(
                    12,
                    dev.fisherman.genesis.Distribution.STRATIFIED,
                    Duration.ZERO,
                    TLS_TIMEOUT)));
    closeables.add(client);

    Observation o = probe(client, s.url(), 5);

    assertThat(o.outcome()).isEqualTo(Outcome.TLS);
    assertThat(o.detail()).startsWith("TLS: ");
  }

  @Test
  void fanOut_servicerThatCannotBeAddressed_failsAloneNeverTheRound() throws Exception {
    // Finding 4: port 65536 passed a looser reader; every round then failed with "port out of
    // range" and the healthy servicers of the session were recorded cancelled.
    SimulatedServicer healthy = servicer(Behaviour.healthy());
    List<URI> urls =
        List.of(
            healthy.url(),
            URI.create("http://127.0.0.1:65536"),
            URI.create("http://10.0.0.1:90203"));
    List<ProbeLabel> labels =
        urls.stream().map(u -> ProbeLabel.now(u.toString(), FishermanClock.system())).toList();

    List<Observation> round =
        client().fanOut(urls, RelayRequest.of(Genesises.ETH, 7), labels).stream()
            .map(CompletableFuture::join)
            .toList();

    assertThat(round.get(0).outcome()).isEqualTo(Outcome.OK);
    assertThat(round.get(1).outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(round.get(1).detail())
        .isEqualTo("not addressable: port 65536 out of range (expected: 1 to 65535)");
    assertThat(round.get(2).outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(round.get(2).detail()).startsWith("not addressable: port 90203");
  }

  @Test
  void probe_addressOnTheDenyList_isRefusedWithoutConnecting() throws Exception {
    SimulatedServicer s = servicer(Behaviour.healthy());
    LimitsParams limits =
        new LimitsParams(
            OptionalInt.empty(),
            OptionalInt.empty(),
            OptionalInt.empty(),
            Duration.ZERO,
            List.of(AddressRange.parse("127.0.0.0/8").orElseThrow()));
    RelayClient client =
        RelayClient.create(
            clientGroup,
            RelayClientConfig.from(
                Genesises.genesis(
                        Genesises.qos(
                            12,
                            dev.fisherman.genesis.Distribution.STRATIFIED,
                            Duration.ZERO,
                            TIMEOUT))
                    .qos(),
                limits));
    closeables.add(client);

    Observation literal = probe(client, s.url(), 1);
    // A name is checked once resolved: localhost is 127.0.0.1 on most hosts.
    Observation named = probe(client, URI.create("http://localhost:" + s.url().getPort()), 3);

    assertThat(literal.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(literal.detail())
        .isEqualTo("denied: 127.0.0.1 lies in params.limits.deny 127.0.0.0/8");
    if (java.net.InetAddress.getByName("localhost") instanceof java.net.Inet4Address) {
      assertThat(named.outcome()).isEqualTo(Outcome.REFUSED);
      assertThat(named.detail()).startsWith("denied: 127.0.0.1");
    }
    assertThat(s.bodies()).isEmpty();
  }

  @Test
  void probe_metadataAddress_isRefusedByDefault() throws Exception {
    Observation o = probe(client(), URI.create("http://169.254.169.254"), 1);

    assertThat(o.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(o.detail())
        .isEqualTo("denied: 169.254.169.254 lies in params.limits.deny 169.254.0.0/16");
    assertThat(o.connectNanos()).isEmpty();
  }

  @Test
  void probe_unknownHost_isDns() throws Exception {
    Observation o = probe(client(), URI.create("http://no-such-servicer.invalid:8545"), 1);

    assertThat(o.outcome()).isEqualTo(Outcome.DNS);
    assertThat(o.detail()).startsWith("unknown host ");
  }

  @Test
  void probe_servicerNotAccepting_timesOutConnecting() throws Exception {
    // A listener that never accepts, its backlog filled: further handshakes go unanswered.
    ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    closeables.add(listener);
    for (int i = 0; i < 4; i++) {
      Socket filler = new Socket();
      closeables.add(filler);
      try {
        filler.connect(listener.getLocalSocketAddress(), 100);
      } catch (IOException e) {
        break; // the backlog is full
      }
    }

    Observation o = probe(client(), URI.create("http://127.0.0.1:" + listener.getLocalPort()), 1);

    assertThat(o.outcome()).as(o.toString()).isEqualTo(Outcome.TIMEOUT_CONNECT);
    assertThat(o.detail()).isEqualTo("not connected within 800ms");
    assertThat(o.totalNanos()).isBetween(TIMEOUT_NANOS, TIMEOUT_NANOS + 50 * MS);
  }

  @Test
  void close_withProbesInFlight_cancelsThem() throws Exception {
    SimulatedServicer s = servicer(Behaviour.always(Failure.HANG));
    RelayClient client = client();
    CompletableFuture<Observation> pending =
        client.probe(s.url(), RelayRequest.of(Genesises.ETH, 1));
    Poll.until(Duration.ofSeconds(10), () -> s.requests() > 0);

    client.close();

    Observation o = pending.join();
    assertThat(o.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(o.detail()).isEqualTo("relay client closed");
    assertThat(client.inFlight()).isZero();
    Observation after = probe(client, s.url(), 2);
    assertThat(after.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(after.totalNanos()).isZero();
  }

  @Test
  void probe_manyAtOnce_allComplete() throws Exception {
    SimulatedServicer s = servicer(Behaviour.healthy());
    // Generous: 100 connections opened at once on a cold, leak-tracking JVM take a while.
    RelayClient client = client(ConnectionMode.REUSE, 1_048_576, Duration.ofSeconds(10));
    List<CompletableFuture<Observation>> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      all.add(client.probe(s.url(), RelayRequest.of(Genesises.ETH, i + 1)));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();

    assertThat(all).allSatisfy(f -> assertThat(f.join().outcome()).isEqualTo(Outcome.OK));
    assertThat(client.inFlight()).isZero();
    assertThat(s.requests()).isEqualTo(100);
  }
}
