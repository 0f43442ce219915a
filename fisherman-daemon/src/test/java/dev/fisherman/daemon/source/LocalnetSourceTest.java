package dev.fisherman.daemon.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisherman.core.Admission;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.daemon.metrics.DaemonMeters;
import dev.fisherman.daemon.testing.TestGenesis;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Servicer;
import dev.fisherman.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalnetSourceTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration LENGTH = Duration.ofSeconds(60); // 4 blocks × 15 s

  private final ManualClock clock = new ManualClock(T0);
  // The real timer never fires during a test: the next session is a minute of real time away.
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<SessionStarted> sessions = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  private LocalnetSource started(Genesis genesis) {
    LocalnetSource source = new LocalnetSource(genesis, clock, timer, new DaemonMeters(registry));
    source.start(
        s -> {
          sessions.add(s);
          return Admission.ACCEPTED;
        });
    return source;
  }

  @Test
  void start_firstSessionAtOnce_withTheGenesisServicers() {
    LocalnetSource source = started(TestGenesis.twoServicers());
    assertThat(sessions)
        .containsExactly(
            new SessionStarted(
                "localnet-0",
                "eth",
                OptionalLong.of(0),
                OptionalLong.of(4),
                T0,
                T0.plus(LENGTH),
                List.of(
                    new SessionServicer("a", URI.create("http://127.0.0.1:9")),
                    new SessionServicer("b", URI.create("http://127.0.0.1:10")))));
    assertThat(source.nextDelay()).isBetween(LENGTH.minusSeconds(1), LENGTH);
    assertThat(source.check().ok()).isTrue();
    assertThat(registry.get(DaemonMeters.SOURCE_EVENTS).tag("result", "accepted").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void emitDue_aNewSessionEverySessionLength() {
    LocalnetSource source = started(TestGenesis.twoServicers());
    clock.advance(LENGTH.minusMillis(1));
    source.emitDue();
    assertThat(sessions).hasSize(1);
    assertThat(source.nextDelay()).isLessThanOrEqualTo(Duration.ofMillis(1));

    clock.advance(Duration.ofMillis(1));
    source.emitDue();
    assertThat(sessions).hasSize(2);
    SessionStarted second = sessions.get(1);
    assertThat(second.sessionId()).isEqualTo("localnet-1");
    assertThat(second.startsAt()).isEqualTo(T0.plus(LENGTH));
    assertThat(second.endsAt()).isEqualTo(T0.plus(LENGTH.multipliedBy(2)));
    assertThat(second.startHeight()).hasValue(4);
    assertThat(second.endHeight()).hasValue(8);
  }

  @Test
  void emitDue_afterAStall_skipsSessionsWhoseWindowPassed() {
    LocalnetSource source = started(TestGenesis.twoServicers());
    clock.advance(LENGTH.multipliedBy(3).plusSeconds(10));
    source.emitDue();
    assertThat(sessions)
        .extracting(SessionStarted::sessionId)
        .containsExactly("localnet-0", "localnet-3");
    assertThat(sessions.get(1).startsAt()).isEqualTo(T0.plus(LENGTH.multipliedBy(3)));
  }

  @Test
  void emitDue_twoServicesWithServicers_oneSessionEachWithTheServiceInTheId() {
    Genesis base = TestGenesis.twoServicers();
    Genesis genesis =
        new Genesis(
            "test",
            base.params(),
            List.of(TestGenesis.service("eth"), TestGenesis.service("sol")),
            List.of(
                new Servicer("a", URI.create("http://127.0.0.1:9"), List.of("eth", "sol")),
                new Servicer("b", URI.create("http://127.0.0.1:10"), List.of("sol"))));
    started(genesis);
    assertThat(sessions)
        .extracting(SessionStarted::sessionId)
        .containsExactly("localnet-0-eth", "localnet-0-sol");
    assertThat(sessions.get(0).servicers()).hasSize(1);
    assertThat(sessions.get(1).servicers()).hasSize(2);
  }

  @Test
  void close_stopsTheCadence() {
    LocalnetSource source = started(TestGenesis.twoServicers());
    source.close();
    clock.advance(LENGTH);
    source.emitDue();
    assertThat(sessions).hasSize(1);
    assertThat(source.check().detail()).isEqualTo("closed");
  }

  @Test
  void refusedSession_isCountedAndTheCadenceGoesOn() {
    LocalnetSource source =
        new LocalnetSource(TestGenesis.twoServicers(), clock, timer, new DaemonMeters(registry));
    source.start(
        s -> {
          throw new IllegalStateException("engine: closed");
        });
    clock.advance(LENGTH);
    source.emitDue();
    assertThat(registry.get(DaemonMeters.SOURCE_EVENTS).tag("result", "refused").counter().count())
        .isEqualTo(2.0);
  }

  @Test
  void constructor_genesisWithoutServicers_isRefused() {
    assertThatThrownBy(
            () ->
                new LocalnetSource(
                    TestGenesis.with(List.of()), clock, timer, new DaemonMeters(registry)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "servicers: [] (expected: at least one servicer of a defined service for the localnet"
                + " source)");
  }
}
