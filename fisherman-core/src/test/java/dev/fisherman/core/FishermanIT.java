package dev.fisherman.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisherman.core.envelope.Probe;
import dev.fisherman.core.envelope.RelayEnvelope;
import dev.fisherman.core.envelope.Unwrapped;
import dev.fisherman.core.envelope.Wrapped;
import dev.fisherman.core.export.SessionExport;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.qos.Verdicts;
import dev.fisherman.core.reputation.ReputationState;
import dev.fisherman.core.reputation.Selected;
import dev.fisherman.core.sampling.SamplingPlanner;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.core.store.SessionState;
import dev.fisherman.core.testkit.Genesises;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.Failure;
import dev.fisherman.sim.SimulatedServicer;
import dev.fisherman.testkit.ManualClock;
import dev.fisherman.testkit.NoLeaks;
import dev.fisherman.testkit.Poll;
import dev.fisherman.testkit.Servicers;
import dev.fisherman.testkit.proxy.FaultProxy;
import dev.fisherman.testkit.proxy.Toxics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Whole sessions against real servicers on loopback, driven on a {@link ManualClock}: the test
 * moves time to each planned round and waits for that round to be recorded, so nothing depends on
 * how fast the machine is. Probes still travel over real sockets, and relay timeouts are event loop
 * timers.
 */
@ExtendWith(NoLeaks.class)
class FishermanIT {
  private static final long SEED = 42;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private static EventLoopGroup serverGroup;
  private static EventLoopGroup clientGroup;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CollectingExport export = new CollectingExport();

  /** Keeps what the engine hands over for export. */
  private static final class CollectingExport implements SessionExport {
    final List<Observation> observations = new CopyOnWriteArrayList<>();
    final List<SessionReport> finished = new CopyOnWriteArrayList<>();

    @Override
    public void round(RoundResult round) {
      observations.addAll(round.observations());
    }

    @Override
    public void finished(SessionReport report) {
      finished.add(report);
    }
  }

  @BeforeAll
  static void groups() {
    serverGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    clientGroup = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
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

  private SimulatedServicer servicer(Behaviour behaviour) throws InterruptedException {
    SimulatedServicer s = Servicers.start(serverGroup, behaviour);
    closeables.add(s);
    return s;
  }

  private Fisherman engine(int probes, Duration startDelay, Duration relayTimeout) {
    Genesis genesis =
        Genesises.genesis(Genesises.qos(probes, Distribution.STRATIFIED, startDelay, relayTimeout));
    Fisherman engine =
        Fisherman.builder(genesis)
            .eventLoopGroup(clientGroup)
            .meterRegistry(registry)
            .clock(FishermanClock.of(clock, clock))
            .random(new SplittableRandom(SEED))
            .export(export)
            .build();
    closeables.add(engine);
    return engine;
  }

  private SessionStarted session(String id, Duration length, List<SessionServicer> servicers) {
    Instant now = clock.instant();
    return new SessionStarted(
        id, "eth", OptionalLong.empty(), OptionalLong.empty(), now, now.plus(length), servicers);
  }

  /**
   * The instants the engine plans for the first session it admits: its randomness is seeded, and
   * planning is the first draw it makes.
   */
  private List<Instant> plannedInstants(int probes, Instant from, Instant end) {
    return SamplingPlanner.plan(
            Distribution.STRATIFIED, probes, from, end, new SplittableRandom(SEED))
        .instants();
  }

  /** Moves the clock to each planned round in turn and waits until that round is recorded. */
  private void runRounds(Fisherman engine, String sessionId, List<Instant> instants) {
    runRounds(engine, sessionId, instants, Duration.ofSeconds(10));
  }

  private void runRounds(
      Fisherman engine, String sessionId, List<Instant> instants, Duration perRound) {
    for (int i = 0; i < instants.size(); i++) {
      long round = i + 1;
      clock.advanceTo(instants.get(i));
      await(
          "round " + round + " of " + sessionId + " to be recorded",
          perRound,
          () ->
              engine.store().session(sessionId).orElseThrow().servicers().stream()
                  .allMatch(q -> q.probes() == round));
    }
  }

  private static void await(String what, Duration limit, BooleanSupplier condition) {
    Poll.until(what, limit, condition);
  }

  private static Map<Outcome, Long> outcomes(SessionReport report, String address) {
    return report.servicers().stream()
        .filter(q -> q.address().equals(address))
        .findFirst()
        .orElseThrow()
        .outcomes();
  }

  @Test
  void submit_opensTheServicersConnectionsAtAdmission_soNoRoundConnects() throws Exception {
    SimulatedServicer a = servicer(Behaviour.healthy());
    SimulatedServicer b = servicer(Behaviour.healthy());
    Fisherman engine = engine(3, Duration.ofMillis(100), Duration.ofSeconds(2));
    SessionStarted session =
        session(
            "s-open",
            Duration.ofSeconds(3),
            List.of(new SessionServicer("a", a.url()), new SessionServicer("b", b.url())));

    assertThat(engine.submit(session)).isEqualTo(Admission.ACCEPTED);
    // The clock stands still: no round has fired, yet both servicers are connected.
    await(
        "a connection to each servicer before the first round",
        Duration.ofSeconds(10),
        () -> a.connections() == 1 && b.connections() == 1);
    assertThat(a.requests() + b.requests()).isZero();
    runRounds(
        engine, "s-open", plannedInstants(3, session.startsAt().plusMillis(100), session.endsAt()));
    // Handed to the export right after the store, on the thread that completed the round.
    await("every round exported", Duration.ofSeconds(10), () -> export.observations.size() == 6);

    assertThat(export.observations)
        .hasSize(6)
        .allSatisfy(
            o -> {
              assertThat(o.outcome()).isEqualTo(Outcome.OK);
              assertThat(o.connectNanos()).as("round %d connected", o.round()).isEmpty();
            });
    assertThat(a.connections()).isEqualTo(1);
    assertThat(b.connections()).isEqualTo(1);
  }

  @Test
  void round_afterALongGap_findsAConnectionOpenedAheadOfIt() throws Exception {
    SimulatedServicer s = servicer(Behaviour.healthy());
    FaultProxy proxy =
        FaultProxy.start(serverGroup, new InetSocketAddress("127.0.0.1", s.url().getPort()));
    closeables.add(proxy);
    Fisherman engine = engine(2, Duration.ofMillis(100), Duration.ofSeconds(2));
    SessionStarted session =
        session("s-gap", Duration.ofSeconds(60), List.of(new SessionServicer("a", proxy.url())));
    List<Instant> instants =
        plannedInstants(2, session.startsAt().plusMillis(100), session.endsAt());
    assertThat(Duration.between(instants.get(0), instants.get(1)))
        .as("the seeded plan's gap")
        .isGreaterThan(Duration.ofSeconds(3));

    assertThat(engine.submit(session)).isEqualTo(Admission.ACCEPTED);
    await("the connection opened at admission", Duration.ofSeconds(10), () -> s.connections() == 1);
    runRounds(engine, "s-gap", instants.subList(0, 1));
    // The servicer side drops the idle connection between the rounds.
    proxy.toxics(Toxics.reset());
    await(
        "the idle connection to be dropped",
        Duration.ofSeconds(10),
        () -> s.closedConnections() == 1);
    proxy.toxics(Toxics.none());
    long before = proxy.connections();
    clock.advanceTo(instants.get(1).minusMillis(500));
    await(
        "a connection opened a second ahead of round 2",
        Duration.ofSeconds(10),
        () -> proxy.connections() == before + 1);
    runRounds(engine, "s-gap", instants);
    await("both rounds exported", Duration.ofSeconds(10), () -> export.observations.size() == 2);

    Observation second = export.observations.get(1);
    assertThat(second.outcome()).isEqualTo(Outcome.OK);
    assertThat(second.connectNanos()).as("round 2 connected").isEmpty();
  }

  @Test
  void signedSession_wrapsEachRoundAheadOfItsInstant_notWhenItFires() throws Exception {
    SimulatedServicer a = servicer(Behaviour.healthy());
    SimulatedServicer b = servicer(Behaviour.healthy());
    Fisherman engine = engine(2, Duration.ofMillis(100), Duration.ofSeconds(2));
    List<Instant> wrappedAt = new CopyOnWriteArrayList<>();
    // A protocol that signs per servicer; its "signature" is the moment it was asked for one, and
    // its relays travel as they are so the simulated servicers can answer them.
    RelayEnvelope signing =
        new RelayEnvelope() {
          @Override
          public String name() {
            return "signing";
          }

          @Override
          public Optional<Wrapped> wrap(String servicer, Probe probe) {
            wrappedAt.add(clock.instant());
            return Optional.empty();
          }

          @Override
          public Unwrapped unwrap(String servicer, byte[] body, int offset, int length) {
            throw new AssertionError("relays sent as they are are not unwrapped");
          }
        };
    Instant now = clock.instant();
    SessionStarted session =
        new SessionStarted(
            "s-signed",
            "eth",
            OptionalLong.empty(),
            OptionalLong.empty(),
            now,
            now.plusSeconds(3),
            List.of(new SessionServicer("a", a.url()), new SessionServicer("b", b.url())),
            signing);
    List<Instant> instants = plannedInstants(2, now.plusMillis(100), session.endsAt());

    assertThat(engine.submit(session)).isEqualTo(Admission.ACCEPTED);
    // Before any measurement the engine assumes 2 ms per servicer: twice that for two servicers
    // plus the 5 ms margin puts the signing of round 1 13 ms ahead of its instant.
    Instant ahead = instants.get(0).minusMillis(10);
    clock.advanceTo(ahead);
    await("round 1 signed for both servicers", Duration.ofSeconds(10), () -> wrappedAt.size() == 2);
    assertThat(wrappedAt).containsOnly(ahead);
    assertThat(a.requests() + b.requests()).as("requests before round 1's instant").isZero();

    runRounds(engine, "s-signed", instants);
    await("both rounds exported", Duration.ofSeconds(10), () -> export.observations.size() == 4);

    // Each round was signed once per servicer, ahead of it; firing did not sign again.
    assertThat(wrappedAt).hasSize(4);
    assertThat(export.observations).allSatisfy(o -> assertThat(o.outcome()).isEqualTo(Outcome.OK));
  }

  @Test
  void session_oneSecondWindow_recordsEveryPlannedProbe_thenEnds() throws Exception {
    SimulatedServicer fast = servicer(Behaviour.healthy());
    SimulatedServicer broken = servicer(Behaviour.always(Failure.HTTP_STATUS).withHttpStatus(500));
    SimulatedServicer silent = servicer(Behaviour.always(Failure.HANG));
    Fisherman engine = engine(5, Duration.ofMillis(100), Duration.ofMillis(300));
    SessionStarted session =
        session(
            "s-1",
            Duration.ofSeconds(1),
            List.of(
                new SessionServicer("fast", fast.url()),
                new SessionServicer("broken", broken.url()),
                new SessionServicer("silent", silent.url())));

    assertThat(engine.submit(session)).isEqualTo(Admission.ACCEPTED);
    // The connections opened at admission, before the first round (else it would open its own).
    await(
        "the connection opened at admission",
        Duration.ofSeconds(10),
        () -> fast.connections() == 1);
    runRounds(
        engine, "s-1", plannedInstants(5, session.startsAt().plusMillis(100), session.endsAt()));
    clock.advanceTo(session.endsAt());
    await(
        "the session to end and its probes to land",
        Duration.ofSeconds(5),
        () ->
            engine.store().session("s-1").orElseThrow().summary().state() == SessionState.ENDED
                && engine.accounting().inFlight() == 0);

    Accounting a = engine.accounting();
    assertThat(a).isEqualTo(new Accounting(15, 15, 0, 0));
    assertThat(a.balanced()).isTrue();
    SessionReport report = engine.store().session("s-1").orElseThrow();
    assertThat(report.summary().roundsPlanned()).isEqualTo(5);
    assertThat(report.summary().roundsDone()).isEqualTo(5);
    assertThat(outcomes(report, "fast")).isEqualTo(Map.of(Outcome.OK, 5L));
    assertThat(outcomes(report, "broken")).isEqualTo(Map.of(Outcome.HTTP_STATUS, 5L));
    assertThat(outcomes(report, "silent")).isEqualTo(Map.of(Outcome.TIMEOUT_RESPONSE, 5L));
    ServicerQos fastQos = report.servicers().get(0);
    assertThat(fastQos.availability().getAsDouble()).isEqualTo(1.0);
    assertThat(fastQos.verdicts())
        .isEqualTo(new Verdicts(Verdicts.Available.YES, Verdicts.Latency.LOW));
    assertThat(fastQos.maxBlockHeight()).hasValue(16);
    assertThat(report.servicers().get(2).verdicts().available()).isEqualTo(Verdicts.Available.NO);
    // One request per round, the same body for every servicer of the round, a new id each round.
    List<String> fastBodies = fast.bodies();
    assertThat(fastBodies).hasSize(5).doesNotHaveDuplicates();
    assertThat(broken.bodies()).isEqualTo(fastBodies);
    assertThat(silent.bodies()).isEqualTo(fastBodies);
    assertThat(fast.connections()).isEqualTo(1);
    assertThat(
            registry
                .get(FishermanMetrics.PROBES)
                .tag("service", "eth")
                .tag("outcome", "ok")
                .counter()
                .count())
        .isEqualTo(5);
    assertThat(registry.get(FishermanMetrics.ROUND_FANOUT_SKEW).timer().count()).isEqualTo(5);
    assertThat(registry.get(FishermanMetrics.ROUND_LATENESS).timer().count()).isEqualTo(15);
    assertThat(registry.get(FishermanMetrics.SESSIONS_ACTIVE).gauge().value()).isZero();

    engine.close();

    assertThat(engine.accounting()).isEqualTo(new Accounting(15, 15, 0, 0));
    assertThat(engine.isRunning()).isFalse();
  }

  @Test
  void session_finished_exportsEveryProbeOnceThenTheFinalReport_andFeedsTheReputation()
      throws Exception {
    SimulatedServicer fast = servicer(Behaviour.healthy());
    SimulatedServicer broken = servicer(Behaviour.always(Failure.HTTP_STATUS).withHttpStatus(500));
    Fisherman engine = engine(5, Duration.ofMillis(100), Duration.ofMillis(300));
    SessionStarted session =
        session(
            "s-x",
            Duration.ofSeconds(1),
            List.of(
                new SessionServicer("fast", fast.url()),
                new SessionServicer("broken", broken.url())));
    engine.submit(session);
    List<Instant> instants =
        plannedInstants(5, session.startsAt().plusMillis(100), session.endsAt());

    // Three rounds run, then the engine closes: two rounds never fire.
    runRounds(engine, "s-x", instants.subList(0, 3));
    assertThat(export.finished).isEmpty();
    engine.close();
    await("the session to be handed over", Duration.ofSeconds(5), () -> !export.finished.isEmpty());

    assertThat(export.finished).hasSize(1);
    assertThat(export.finished.get(0).summary().state()).isEqualTo(SessionState.ENDED);
    for (String address : List.of("fast", "broken")) {
      assertThat(export.observations.stream().filter(o -> o.servicer().equals(address)))
          .extracting(Observation::round)
          .containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }
    assertThat(export.observations.stream().filter(o -> o.outcome() == Outcome.CANCELLED))
        .hasSize(4);
    assertThat(engine.reputation().of("fast").orElseThrow().state()).isEqualTo(ReputationState.NEW);
    assertThat(engine.reputation().of("broken").orElseThrow().reasons().get(0))
        .startsWith("availability 0% over 3 judged probes");
  }

  @Test
  void session_with200Servicers_accountsForEveryObservation() throws Exception {
    List<SimulatedServicer> servers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      servers.add(servicer(Behaviour.healthy()));
    }
    List<SessionServicer> servicers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      URI base = servers.get(i % 4).url();
      servicers.add(new SessionServicer("servicer-" + i, URI.create(base + "/relay/" + i)));
    }
    // The relay timeout runs on real time. Healthy loopback servicers answer in microseconds, so
    // a generous timeout costs nothing when all is well and keeps a loaded machine (200 probes a
    // round on two cores) from turning a slow answer into a timeout: every probe must be OK.
    Duration relayTimeout = Duration.ofSeconds(30);
    Fisherman engine = engine(4, Duration.ofMillis(100), relayTimeout);

    SessionStarted big = session("big", Duration.ofMillis(1500), servicers);
    engine.submit(big);
    runRounds(
        engine,
        "big",
        plannedInstants(4, big.startsAt().plusMillis(100), big.endsAt()),
        relayTimeout.multipliedBy(2));
    clock.advanceTo(big.endsAt());
    await(
        "the 200-servicer session to end",
        relayTimeout.multipliedBy(2),
        () ->
            engine.store().session("big").orElseThrow().summary().state() == SessionState.ENDED
                && engine.accounting().inFlight() == 0);

    assertThat(engine.accounting()).isEqualTo(new Accounting(800, 800, 0, 0));
    SessionReport report = engine.store().session("big").orElseThrow();
    assertThat(report.servicers())
        .hasSize(200)
        .allSatisfy(q -> assertThat(q.outcomes()).isEqualTo(Map.of(Outcome.OK, 4L)));
    assertThat(servers.stream().mapToLong(SimulatedServicer::requests).sum()).isEqualTo(800);
    assertThat(servers.stream().flatMap(s -> s.bodies().stream()).collect(Collectors.toSet()))
        .as("one body per round, shared by all 200 servicers")
        .hasSize(4);
  }

  @Test
  void close_midSession_cancelsTheRemainingRoundsAndStaysBalanced() throws Exception {
    SimulatedServicer fast = servicer(Behaviour.healthy());
    SimulatedServicer silent = servicer(Behaviour.always(Failure.HANG));
    Fisherman engine = engine(10, Duration.ZERO, Duration.ofMillis(500));
    SessionStarted long_ =
        session(
            "long",
            Duration.ofSeconds(20),
            List.of(
                new SessionServicer("fast", fast.url()),
                new SessionServicer("silent", silent.url())));
    engine.submit(long_);
    clock.advanceTo(plannedInstants(10, long_.startsAt(), long_.endsAt()).get(0));
    await(
        "the first round",
        Duration.ofSeconds(5),
        () -> engine.store().session("long").orElseThrow().summary().roundsDone() >= 1);

    engine.close();

    Accounting a = engine.accounting();
    assertThat(a.probesPlanned()).isEqualTo(20);
    assertThat(a.inFlight()).isZero();
    assertThat(a.balanced()).as(a.toString()).isTrue();
    assertThat(a.probesCancelled()).isGreaterThanOrEqualTo(2);
    SessionReport report = engine.store().session("long").orElseThrow();
    assertThat(report.summary().state()).isEqualTo(SessionState.ENDED);
    long fired = report.summary().roundsDone();
    assertThat(report.servicers()).allSatisfy(q -> assertThat(q.probes()).isEqualTo(10));
    assertThat(outcomes(report, "fast").get(Outcome.CANCELLED)).isEqualTo(10 - fired);
    assertThatThrownBy(
            () ->
                engine.submit(
                    session(
                        "late",
                        Duration.ofSeconds(1),
                        List.of(new SessionServicer("fast", fast.url())))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("fisherman: closed (expected: a running engine)");
  }

  @Test
  void select_okServicersOfTheActiveSessions_noneAfterTheSessionEnds_andServicerSeriesFollow()
      throws Exception {
    SimulatedServicer fast = servicer(Behaviour.healthy());
    SimulatedServicer broken = servicer(Behaviour.always(Failure.HTTP_STATUS).withHttpStatus(500));
    Fisherman engine = engine(10, Duration.ZERO, Duration.ofMillis(500));
    SessionStarted s =
        session(
            "sel",
            Duration.ofSeconds(20),
            List.of(
                new SessionServicer("fast", fast.url()),
                new SessionServicer("broken", broken.url())));
    engine.submit(s);
    assertThat(engine.select("eth", 2)).as("nobody is ok before a probe").isEmpty();
    runRounds(engine, "sel", plannedInstants(10, s.startsAt(), s.endsAt()).subList(0, 6));

    assertThat(engine.reputation().of("broken").orElseThrow().state())
        .isEqualTo(ReputationState.TIMEOUT);
    // The pool made before the probes is served until the one made ahead of the requests is in;
    // "broken" is never handed out meanwhile.
    await(
        "the selection pool made after the rounds",
        Duration.ofSeconds(5),
        () -> {
          List<Selected> chosen = engine.select("eth", 2);
          assertThat(chosen).extracting(x -> x.reputation().address()).doesNotContain("broken");
          return !chosen.isEmpty();
        });
    for (int i = 0; i < 50; i++) {
      assertThat(engine.select("eth", 2))
          .extracting(x -> x.reputation().address() + " " + x.url())
          .containsExactly("fast " + fast.url());
    }
    assertThat(
            registry
                .get(FishermanMetrics.SERVICER_PROBES)
                .tags("servicer", "broken", "outcome", "http_status")
                .counter()
                .count())
        .isEqualTo(6);
    assertThat(
            registry
                .get(FishermanMetrics.SERVICER_PROBE_LATENCY)
                .tags("servicer", "fast")
                .timer()
                .count())
        .isEqualTo(6);

    assertThat(engine.end("sel")).isTrue();
    await(
        "the session to finish",
        Duration.ofSeconds(5),
        () -> registry.find(FishermanMetrics.SERVICER_PROBES).counters().isEmpty());
    assertThat(engine.select("eth", 2)).as("no active session, nobody to hand out").isEmpty();
    assertThat(registry.find(FishermanMetrics.SERVICER_PROBE_LATENCY).timers()).isEmpty();
  }

  @Test
  void end_beforeEndsAt_endsTheSessionAndCancelsTheRoundsLeft() throws Exception {
    SimulatedServicer fast = servicer(Behaviour.healthy());
    Fisherman engine = engine(10, Duration.ZERO, Duration.ofMillis(500));
    SessionStarted s =
        session("chain", Duration.ofSeconds(20), List.of(new SessionServicer("fast", fast.url())));
    engine.submit(s);
    clock.advanceTo(plannedInstants(10, s.startsAt(), s.endsAt()).get(0));
    await(
        "the first round",
        Duration.ofSeconds(5),
        () -> engine.store().session("chain").orElseThrow().summary().roundsDone() >= 1);

    assertThat(engine.end("chain")).isTrue();
    // The end runs on the scheduler thread, which polls a manual clock.
    await(
        "the session to end",
        Duration.ofSeconds(5),
        () ->
            engine.store().session("chain").orElseThrow().summary().state() == SessionState.ENDED);

    SessionReport report = engine.store().session("chain").orElseThrow();
    long fired = report.summary().roundsDone();
    assertThat(fired).isBetween(1L, 9L);
    assertThat(outcomes(report, "fast").get(Outcome.CANCELLED)).isEqualTo(10 - fired);
    await(
        "probes in flight to land",
        Duration.ofSeconds(5),
        () -> engine.accounting().inFlight() == 0);
    assertThat(engine.accounting().balanced()).as(engine.accounting().toString()).isTrue();
    assertThat(engine.end("chain")).isFalse();
    assertThat(engine.end("unknown")).isFalse();
  }

  @Test
  void submit_sameSessionTwice_isOneSession() throws Exception {
    SimulatedServicer fast = servicer(Behaviour.healthy());
    Fisherman engine = engine(2, Duration.ZERO, Duration.ofMillis(500));
    SessionStarted s =
        session("twice", Duration.ofSeconds(30), List.of(new SessionServicer("fast", fast.url())));

    assertThat(engine.submit(s)).isEqualTo(Admission.ACCEPTED);
    assertThat(engine.submit(s)).isEqualTo(Admission.DUPLICATE);
    assertThat(engine.accounting().probesPlanned()).isEqualTo(2);
    assertThat(engine.store().size()).isEqualTo(1);
  }

  @Test
  void submit_unknownService_isRejectedWithTheServicesKnown() throws Exception {
    Fisherman engine = engine(2, Duration.ZERO, Duration.ofMillis(500));
    Instant now = clock.instant();
    SessionStarted s =
        new SessionStarted(
            "x",
            "solana",
            OptionalLong.empty(),
            OptionalLong.empty(),
            now,
            now.plusSeconds(10),
            List.of(new SessionServicer("a", URI.create("http://127.0.0.1:1"))));

    assertThatThrownBy(() -> engine.submit(s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("service: \"solana\" (expected: one of [eth])");
  }

  @Test
  void submit_sessionAlreadyOver_isRefusedWithTheReason() throws Exception {
    Fisherman engine = engine(5, Duration.ZERO, Duration.ofMillis(500));
    Instant past = clock.instant().minusSeconds(120);
    SessionStarted s =
        new SessionStarted(
            "old",
            "eth",
            OptionalLong.empty(),
            OptionalLong.empty(),
            past,
            past.plusSeconds(60),
            List.of(new SessionServicer("a", URI.create("http://127.0.0.1:1"))));

    // Nothing can be probed any more: refused with the reason instead of a 202 with no rounds.
    assertThatThrownBy(() -> engine.submit(s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("session old: no room for a single round");
    assertThat(engine.store().session("old")).isEmpty();
    assertThat(engine.accounting()).isEqualTo(new Accounting(0, 0, 0, 0));
  }
}
