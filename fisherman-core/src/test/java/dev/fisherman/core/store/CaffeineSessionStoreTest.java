package dev.fisherman.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.sampling.SamplingPlan;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.testkit.Genesises;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CaffeineSessionStoreTest {
  private static final String CACHE = "fisherman.sessions";

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  // retention_sessions 4 (the default).
  private static final QosParams QOS =
      Genesises.qos(3, Distribution.STRATIFIED, Duration.ZERO, Duration.ofSeconds(2));

  private final ManualClock clock = new ManualClock(T0);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static SessionStarted session(String id, Instant start, int servicers) {
    List<SessionServicer> list = new ArrayList<>();
    for (int i = 0; i < servicers; i++) {
      list.add(new SessionServicer("s" + i, URI.create("http://127.0.0.1:" + (9000 + i))));
    }
    return new SessionStarted(
        id, "eth", OptionalLong.empty(), OptionalLong.empty(), start, start.plusSeconds(60), list);
  }

  private static SamplingPlan plan(SessionStarted s) {
    return new SamplingPlan(
        s.startsAt(),
        s.endsAt(),
        List.of(
            s.startsAt().plusSeconds(10),
            s.startsAt().plusSeconds(30),
            s.startsAt().plusSeconds(50)));
  }

  private CaffeineSessionStore store(long maxRecords) {
    return new CaffeineSessionStore(QOS, clock, maxRecords, registry, CACHE);
  }

  @Test
  void session_expiresRetentionSessionLengthsAfterItsEnd() {
    CaffeineSessionStore store = store(1_000);
    SessionStarted s = session("s-1", T0, 2);
    store.open(s, plan(s));

    clock.advanceTo(T0.plusSeconds(60 + 4 * 60).minusNanos(1));
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.session("s-1")).isPresent();
    assertThat(store.summary("s-1")).isEqualTo(store.session("s-1").map(r -> r.summary()));

    clock.advanceTo(T0.plusSeconds(60 + 4 * 60));
    assertThat(store.session("s-1")).isEmpty();
    assertThat(store.summary("s-1")).isEmpty();
    assertThat(store.sessions()).isEmpty();
    // Caffeine's timer wheel evicts in ~1 s buckets; reads above are exact, the count catches up.
    clock.advance(Duration.ofSeconds(2));
    assertThat(store.size()).isZero();
  }

  @Test
  void open_beyondMaxRecords_evictsSessionsInsteadOfGrowing() {
    CaffeineSessionStore store = store(100);
    for (int i = 0; i < 20; i++) {
      SessionStarted s = session("s-" + i, T0.plusSeconds(i), 9); // weighs 10 once ended
      store.open(s, plan(s)).end();
    }

    assertThat(store.weight()).isLessThanOrEqualTo(100);
    assertThat(store.size()).isLessThanOrEqualTo(10);
    assertThat(registry.get("cache.evictions").tag("cache", CACHE).functionCounter().count())
        .isGreaterThanOrEqualTo(10);
  }

  @Test
  void open_beyondMaxRecords_neverEvictsAnActiveSession() {
    // 30 sessions of 10 servicers into room for 90 records: before, the newest ones were evicted
    // while their rounds still ran, and the webhook's Location answered 404.
    CaffeineSessionStore store = store(90);
    for (int i = 0; i < 30; i++) {
      SessionStarted s = session("s-" + i, T0.plusSeconds(i), 10);
      store.open(s, plan(s));
    }

    assertThat(store.size()).isEqualTo(30);
    for (int i = 0; i < 30; i++) {
      assertThat(store.session("s-" + i)).as("s-" + i).isPresent();
    }
    for (int i = 0; i < 30; i++) {
      store.record("s-" + i).orElseThrow().end();
    }
    // Ended, they count against the bound again.
    assertThat(store.weight()).isLessThanOrEqualTo(90);
    assertThat(store.size()).isLessThanOrEqualTo(9);
  }

  @Test
  void end_activeSessionThenFlood_evictsTheEndedOneFirst() {
    CaffeineSessionStore store = store(100);
    SessionStarted ended = session("ended", T0, 9);
    store.open(ended, plan(ended)).end();
    SessionStarted active = session("active", T0, 9);
    store.open(active, plan(active));
    for (int i = 0; i < 20; i++) {
      SessionStarted s = session("s-" + i, T0.plusSeconds(i), 9);
      store.open(s, plan(s)).end();
    }

    assertThat(store.session("active")).isPresent();
    assertThat(store.weight()).isLessThanOrEqualTo(100);
  }

  @Test
  void open_sameSessionTwice_keepsTheFirstRecord() {
    CaffeineSessionStore store = store(1_000);
    SessionStarted s = session("s-1", T0, 2);

    SessionRecord first = store.open(s, plan(s));
    SessionRecord second = store.open(session("s-1", T0, 5), plan(s));

    assertThat(second).isSameAs(first);
    assertThat(store.session("s-1").orElseThrow().servicers()).hasSize(2);
  }

  @Test
  void open_servicerRecurringAcrossSessions_sharesItsAddressAndUrl() {
    CaffeineSessionStore store = store(1_000);
    SessionStarted first = session("s-1", T0, 2);
    SessionStarted second = session("s-2", T0.plusSeconds(60), 2);
    store.open(first, plan(first));
    store.open(second, plan(second));

    ServicerQos a = store.session("s-1").orElseThrow().servicers().get(1);
    ServicerQos b = store.session("s-2").orElseThrow().servicers().get(1);

    assertThat(second.servicers().get(1).url()).isNotSameAs(first.servicers().get(1).url());
    assertThat(b.url()).isSameAs(a.url()).isEqualTo(URI.create("http://127.0.0.1:9001"));
    assertThat(b.address()).isSameAs(a.address()).isEqualTo("s1");
  }

  @Test
  void open_urlsThatDifferOnlyInCase_keepTheirOwnSpelling() {
    CaffeineSessionStore store = store(1_000);
    SessionStarted lower = oneServicer("s-1", URI.create("http://servicer.example.net:8545"));
    SessionStarted upper = oneServicer("s-2", URI.create("http://Servicer.Example.NET:8545"));
    store.open(lower, plan(lower));
    store.open(upper, plan(upper));

    assertThat(store.session("s-1").orElseThrow().servicers().get(0).url())
        .hasToString("http://servicer.example.net:8545");
    assertThat(store.session("s-2").orElseThrow().servicers().get(0).url())
        .hasToString("http://Servicer.Example.NET:8545");
  }

  private static SessionStarted oneServicer(String id, URI url) {
    return new SessionStarted(
        id,
        "eth",
        OptionalLong.empty(),
        OptionalLong.empty(),
        T0,
        T0.plusSeconds(60),
        List.of(new SessionServicer("s0", url)));
  }

  @Test
  void servicer_everyAddressOfALargeSession_isFoundAndOthersAreNot() {
    CaffeineSessionStore store = store(10_000);
    SessionStarted s = session("s-1", T0, 1_000);
    SessionRecord r = store.open(s, plan(s));
    r.record(700, Observations.of(0, Outcome.REFUSED));

    for (int i = 0; i < 1_000; i++) {
      assertThat(store.servicer("s-1", "s" + i).orElseThrow().qos().address()).isEqualTo("s" + i);
    }
    assertThat(store.servicer("s-1", "s700").orElseThrow().qos().probes()).isEqualTo(1);
    assertThat(store.servicer("s-1", "s1000")).isEmpty();
    assertThat(store.servicer("s-1", "")).isEmpty();
  }

  @Test
  void reads_giveSummariesNewestFirstAndServicerDetails() {
    CaffeineSessionStore store = store(1_000);
    SessionStarted older = session("s-old", T0, 2);
    SessionStarted newer = session("s-new", T0.plusSeconds(60), 2);
    SessionRecord oldRecord = store.open(older, plan(older));
    store.open(newer, plan(newer));
    oldRecord.roundFired();
    oldRecord.record(1, Observations.of(0, Outcome.REFUSED));
    oldRecord.cancelRounds(2);
    oldRecord.end();

    assertThat(store.sessions())
        .extracting(SessionSummary::sessionId)
        .containsExactly("s-new", "s-old");
    SessionSummary summary = store.sessions().get(1);
    assertThat(summary)
        .isEqualTo(
            new SessionSummary(
                "s-old", "eth", T0, T0.plusSeconds(60), SessionState.ENDED, 3, 1, 2));
    ServicerDetail detail = store.servicer("s-old", "s1").orElseThrow();
    assertThat(detail.qos().probes()).isEqualTo(3);
    assertThat(detail.lastObservations()).hasSize(1);
    assertThat(detail.lastObservations().get(0).intendedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(store.servicer("s-old", "nobody")).isEmpty();
    assertThat(store.servicerAcrossSessions("s1"))
        .extracting(d -> d.session().sessionId())
        .containsExactly("s-new", "s-old");
  }

  @Test
  void stats_areBoundToTheRegistry() {
    CaffeineSessionStore store = store(1_000);
    SessionStarted s = session("s-1", T0, 1);
    store.open(s, plan(s));
    store.session("s-1");
    store.session("nope");

    assertThat(
            registry
                .get("cache.gets")
                .tag("cache", CACHE)
                .tag("result", "hit")
                .functionCounter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("cache.gets")
                .tag("cache", CACHE)
                .tag("result", "miss")
                .functionCounter()
                .count())
        .isEqualTo(2);
  }
}
