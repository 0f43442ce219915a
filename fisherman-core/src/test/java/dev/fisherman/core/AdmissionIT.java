package dev.fisherman.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.SessionState;
import dev.fisherman.core.testkit.Genesises;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.LimitsParams;
import dev.fisherman.genesis.Params;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.SessionParams;
import dev.fisherman.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admission against the budgets of {@code params.limits}. The clock is moved by hand, so no round
 * fires unless a test moves time; servicers sit at a port nothing listens on.
 */
class AdmissionIT {
  /** The heap the operations guide suggests, and a common descriptor limit. */
  private static final Resources SMALL = new Resources(256L << 20, OptionalLong.of(65_536));

  private static EventLoopGroup group;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Fisherman> engines = new ArrayList<>();

  @BeforeAll
  static void group() {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void shutdown() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @AfterEach
  void close() {
    engines.forEach(Fisherman::close);
  }

  private Fisherman engine(QosParams qos, LimitsParams limits) {
    Genesis genesis =
        new Genesis(
            "test",
            new Params(new SessionParams(4, Duration.ofSeconds(15)), qos, limits),
            List.of(Genesises.ETH),
            List.of());
    Fisherman engine =
        Fisherman.builder(genesis)
            .eventLoopGroup(group)
            .meterRegistry(registry)
            .clock(clock)
            .random(new SplittableRandom(7))
            .resources(SMALL)
            .build();
    engines.add(engine);
    return engine;
  }

  private static QosParams qos(int probes, Duration startDelay) {
    return Genesises.qos(probes, Distribution.STRATIFIED, startDelay, Duration.ofSeconds(1));
  }

  private static LimitsParams limits(int sessions, int rate, int connections) {
    return new LimitsParams(
        OptionalInt.of(sessions),
        OptionalInt.of(rate),
        OptionalInt.of(connections),
        Duration.ofMillis(10),
        LimitsParams.DEFAULT_DENY);
  }

  private SessionStarted session(String id, Duration length, int servicers) {
    return session(id, length, servicers, "http://127.0.0.1:1");
  }

  private SessionStarted session(String id, Duration length, int servicers, String url) {
    Instant now = clock.instant();
    List<SessionServicer> list =
        IntStream.range(0, servicers)
            .mapToObj(i -> new SessionServicer("s" + i, URI.create(url)))
            .toList();
    return new SessionStarted(
        id, "eth", OptionalLong.empty(), OptionalLong.empty(), now, now.plus(length), list);
  }

  @Test
  void submit_shortSessionOfManyServicers_isRefusedNotMultipliedIntoProbes() {
    // Finding 1: 300 servicers with "duration": "1.5s" under 600 rounds and start_delay 1s squeezed
    // 180,000 probes into half a second.
    Fisherman engine = engine(qos(600, Duration.ofSeconds(1)), LimitsParams.DEFAULTS);

    AdmissionRefusedException e =
        catchThrowableOfType(
            AdmissionRefusedException.class,
            () -> engine.submit(session("burst", Duration.ofMillis(1500), 300)));

    assertThat(e).as("a refusal").isNotNull();
    assertThat(e.budget()).isEqualTo(AdmissionRefusedException.Budget.PROBE_RATE);
    // Spaced 10 ms apart, half a second holds 50 rounds: 300 × 50 probes in 0.5 s.
    assertThat(e.demand()).isEqualTo(30_000);
    assertThat(e.limit()).isEqualTo(4_096);
    assertThat(e.getMessage())
        .isEqualTo(
            "session burst refused: probe_rate budget: it needs 30000 probes/s, 0 of 4096 are in"
                + " use (expected: a session that fits in what is left, 4096)");
    assertThat(engine.accounting().probesPlanned()).isZero();
    assertThat(engine.store().session("burst")).isEmpty();
    assertThat(engine.capacity().activeSessions()).isZero();
  }

  @Test
  void submit_whenTheRateBudgetIsRaised_spacesRoundsInsteadOfSqueezingThem() {
    Fisherman engine = engine(qos(600, Duration.ofSeconds(1)), limits(10, 100_000, 100_000));

    assertThat(engine.submit(session("spaced", Duration.ofMillis(1500), 300)))
        .isEqualTo(Admission.ACCEPTED);

    // At most one round per 10 ms of the 0.5 s window, never 600.
    int rounds = engine.store().session("spaced").orElseThrow().summary().roundsPlanned();
    assertThat(rounds).isBetween(1, 50);
    assertThat(engine.accounting().probesPlanned()).isEqualTo(300L * rounds);
  }

  @Test
  void submit_beyondMaxActiveSessions_isRefusedUntilOneEnds() {
    Fisherman engine = engine(qos(2, Duration.ZERO), limits(2, 100_000, 100_000));
    engine.submit(session("a", Duration.ofSeconds(10), 1));
    engine.submit(session("b", Duration.ofSeconds(60), 1));

    assertThatThrownBy(() -> engine.submit(session("c", Duration.ofSeconds(60), 1)))
        .isInstanceOf(AdmissionRefusedException.class)
        .hasMessage(
            "session c refused: active_sessions budget: it needs 1 sessions, 2 of 2 are in use"
                + " (expected: a session that fits in what is left, 0)");
    assertThat(engine.store().session("c")).isEmpty();

    clock.advance(Duration.ofSeconds(11));
    awaitActive(engine, 1);
    // Refused, not remembered: the same event is admitted once there is room.
    assertThat(engine.submit(session("c", Duration.ofSeconds(60), 1)))
        .isEqualTo(Admission.ACCEPTED);
  }

  @Test
  void submit_beyondTheConnectionBudget_isRefusedWithTheFigures() {
    Fisherman engine = engine(qos(4, Duration.ZERO), limits(100, 100_000, 100));
    // Rounds 15 s apart with a 1 s relay timeout: one round's probes are open at a time.
    engine.submit(session("a", Duration.ofMinutes(1), 60));

    AdmissionRefusedException e =
        catchThrowableOfType(
            AdmissionRefusedException.class,
            () -> engine.submit(session("b", Duration.ofMinutes(1), 60)));

    assertThat(e.budget()).isEqualTo(AdmissionRefusedException.Budget.CONNECTIONS);
    assertThat(e.demand()).isEqualTo(60);
    assertThat(e.inUse()).isEqualTo(60);
    assertThat(e.limit()).isEqualTo(100);
    assertThat(engine.capacity().connections()).isEqualTo(60);
    assertThat(engine.accounting().probesPlanned()).isEqualTo(4 * 60);
  }

  @Test
  void capacity_isPublishedAsGauges() {
    Fisherman engine = engine(qos(4, Duration.ZERO), limits(5, 1_000, 100));
    engine.submit(session("a", Duration.ofMinutes(1), 10));
    // A gauge holds its object weakly unless told otherwise: the gauges must outlive a collection.
    System.gc();

    assertThat(registry.get(FishermanMetrics.SESSIONS_ACTIVE).gauge().value()).isEqualTo(1);
    assertThat(
            registry.get(FishermanMetrics.LIMIT).tag("budget", "active_sessions").gauge().value())
        .isEqualTo(5);
    assertThat(registry.get(FishermanMetrics.LIMIT).tag("budget", "connections").gauge().value())
        .isEqualTo(100);
    assertThat(registry.get(FishermanMetrics.IN_USE).tag("budget", "connections").gauge().value())
        .isEqualTo(10);
    assertThat(registry.get(FishermanMetrics.IN_USE).tag("budget", "probe_rate").gauge().value())
        .isCloseTo(40.0 / 60, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void defaults_areDerivedFromHeapAndDescriptors() {
    Fisherman engine = engine(qos(4, Duration.ZERO), LimitsParams.DEFAULTS);

    Capacity c = engine.capacity();
    assertThat(c.maxActiveSessions()).isEqualTo(1_024);
    assertThat(c.maxProbeRate()).isEqualTo(4_096);
    assertThat(c.maxConnections()).isEqualTo(8_192);
    assertThat(new Resources(256L << 20, OptionalLong.of(1_024)).defaultMaxConnections())
        .isEqualTo(576);
  }

  @Test
  void submit_sessionWithNoRoomForARound_isRefusedWithTheReason() {
    // Finding 8: a duration at or below start_delay was answered 202 with no rounds planned.
    Fisherman engine = engine(qos(4, Duration.ofSeconds(2)), LimitsParams.DEFAULTS);

    assertThatThrownBy(() -> engine.submit(session("tiny", Duration.ofSeconds(2), 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "session tiny: no room for a single round: it ends at 2026-01-01T00:00:02Z, rounds"
                + " may start at 2026-01-01T00:00:02Z (start + start_delay 2s, or now)"
                + " (expected: a session that ends at least min_round_spacing 10ms after its first"
                + " round can fire)");
    assertThat(engine.store().session("tiny")).isEmpty();
    assertThat(engine.accounting().probesPlanned()).isZero();
  }

  @Test
  void submit_sessionShorterThanTheRoundSpacing_isRefused() {
    // Finding 8: at "duration": "1us" the 202 came without state or counters: the session had
    // ended and left the store before the answer was written.
    Fisherman engine = engine(qos(4, Duration.ZERO), LimitsParams.DEFAULTS);

    assertThatThrownBy(() -> engine.submit(session("blink", Duration.ofNanos(1_000), 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("session blink: no room for a single round");
    assertThat(engine.submit(session("short", Duration.ofMillis(10), 1)))
        .isEqualTo(Admission.ACCEPTED);
  }

  @Test
  void admit_newSession_returnsItsSummaryAsAdmitted_andAKnownOneAsStored() {
    // The webhook answers with this summary when a short session has ended and left the store
    // before the answer is written.
    Fisherman engine = engine(qos(4, Duration.ZERO), LimitsParams.DEFAULTS);

    Admitted first = engine.admit(session("short", Duration.ofMillis(10), 3));

    assertThat(first.admission()).isEqualTo(Admission.ACCEPTED);
    assertThat(first.session())
        .hasValueSatisfying(
            s -> {
              assertThat(s.sessionId()).isEqualTo("short");
              assertThat(s.state()).isEqualTo(SessionState.ACTIVE);
              assertThat(s.roundsPlanned()).isEqualTo(1);
              assertThat(s.roundsDone()).isZero();
              assertThat(s.servicers()).isEqualTo(3);
            });
    Admitted again = engine.admit(session("short", Duration.ofMillis(10), 3));
    assertThat(again.admission()).isEqualTo(Admission.DUPLICATE);
    assertThat(again.session().map(s -> s.sessionId())).hasValue("short");
  }

  @Test
  void submit_servicerAtALinkLocalLiteral_isRefused() {
    Fisherman engine = engine(qos(4, Duration.ZERO), LimitsParams.DEFAULTS);

    assertThatThrownBy(
            () ->
                engine.submit(
                    session("meta", Duration.ofMinutes(1), 1, "http://169.254.169.254:80")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "servicer s0: http://169.254.169.254:80 (expected: an address outside"
                + " params.limits.deny; it lies in 169.254.0.0/16)");
    assertThat(engine.capacity().activeSessions()).isZero();
  }

  private static void awaitActive(Fisherman engine, int n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (engine.capacity().activeSessions() != n) {
      assertThat(System.nanoTime() - deadline).as("waiting for %d active sessions", n).isNegative();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }
}
