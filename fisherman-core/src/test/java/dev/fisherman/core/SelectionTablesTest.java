package dev.fisherman.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.reputation.Feed;
import dev.fisherman.core.reputation.Reputation;
import dev.fisherman.core.reputation.ReputationState;
import dev.fisherman.core.reputation.ServicerReputation;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.ReputationParams;
import dev.fisherman.testkit.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refresh-ahead of the selection tables on a manual clock, refreshes run by hand. */
class SelectionTablesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final ManualClock clock = new ManualClock(T0);
  private final Reputation reputation =
      Reputation.create(
          ReputationParams.DEFAULTS,
          QosParams.DEFAULTS,
          FishermanClock.of(clock, clock),
          1_000,
          cause -> {});
  private final Feed feed = new Feed(reputation, clock);
  private final Queue<Runnable> refreshes = new ArrayDeque<>();
  private final Map<String, URI> servicers = new HashMap<>();
  private final AtomicLong sessions = new AtomicLong();
  private final SelectionTables tables =
      new SelectionTables(
          reputation,
          FishermanClock.of(clock, clock),
          refreshes::add,
          service -> servicers,
          sessions::get);

  @BeforeEach
  void twoServicersInStateOk() {
    for (String address : new String[] {"a", "b"}) {
      servicers.put(address, URI.create("http://127.0.0.1:9000/" + address));
      for (int i = 0; i < QosParams.DEFAULTS.minSamples(); i++) {
        feed.ok(address);
      }
      assertThat(reputation.of(address).orElseThrow().state()).isEqualTo(ReputationState.OK);
    }
  }

  private void runRefreshes() {
    for (Runnable r = refreshes.poll(); r != null; r = refreshes.poll()) {
      r.run();
    }
  }

  @Test
  void table_afterARoundIsRecorded_servesTheTableThereIs_andMakesTheNextOffThePath() {
    SelectionTables.Table first = tables.table("eth");
    assertThat(first.pool().size()).isEqualTo(2);
    assertThat(tables.builds()).as("the first table is made on the caller's thread").isEqualTo(1);
    assertThat(tables.table("eth")).isSameAs(first);
    assertThat(refreshes).as("nothing recorded, nothing to refresh").isEmpty();

    for (int i = 0; i < 5; i++) {
      feed.refused("b");
    }
    assertThat(reputation.of("b").orElseThrow().state()).isEqualTo(ReputationState.TIMEOUT);
    assertThat(tables.table("eth")).isSameAs(first);
    assertThat(refreshes).as("younger than the least refresh interval: not yet").isEmpty();
    clock.advance(Duration.ofNanos(SelectionTables.MIN_REFRESH_NANOS));

    SelectionTables.Table stale = tables.table("eth");
    assertThat(stale).as("the request is served the table there is").isSameAs(first);
    assertThat(tables.builds()).as("no table made on the request's path").isEqualTo(1);
    assertThat(refreshes).hasSize(1);
    // The stale pool still holds b, in timeout now: it is never handed out.
    for (int i = 0; i < 200; i++) {
      assertThat(reputation.draw(stale.pool(), 2, new SplittableRandom(i)))
          .extracting(ServicerReputation::address)
          .containsExactly("a");
    }

    runRefreshes();
    SelectionTables.Table next = tables.table("eth");
    assertThat(next).isNotSameAs(first);
    assertThat(next.pool().size()).isEqualTo(1);
    assertThat(next.urls()).as("no session changed: the same servicers").isSameAs(first.urls());
    assertThat(tables.builds()).isEqualTo(2);
    assertThat(refreshes).isEmpty();
  }

  @Test
  void table_manyStaleRequests_askOneRefresh_andARoundDuringItIsCaughtByAnotherBuild() {
    tables.table("eth");
    clock.advance(Duration.ofNanos(SelectionTables.MIN_REFRESH_NANOS));
    feed.ok("a");
    for (int i = 0; i < 100; i++) {
      tables.table("eth");
    }
    assertThat(refreshes).as("one refresh asked for, however many requests").hasSize(1);

    // A round recorded after the refresh was asked for, before it runs: one run makes one table at
    // the newest version (asked once), and the next request finds it current.
    feed.ok("b");
    tables.table("eth");
    runRefreshes();
    assertThat(tables.builds()).isEqualTo(2);
    assertThat(tables.table("eth").pool().version()).isEqualTo(reputation.version());
    assertThat(refreshes).isEmpty();
  }

  @Test
  void table_refreshAskedDuringARefresh_isMadeByTheSameRun() {
    tables.table("eth");
    clock.advance(Duration.ofNanos(SelectionTables.MIN_REFRESH_NANOS));
    feed.ok("a");
    tables.table("eth");
    Runnable run = refreshes.poll();
    // While the run is going (simulated: asked again before it looks), a round and a request.
    feed.ok("b");
    tables.table("eth");
    assertThat(refreshes).as("the running refresh takes it, no second one").isEmpty();
    run.run();
    assertThat(tables.builds()).isEqualTo(2);
    assertThat(tables.table("eth").pool().version()).isEqualTo(reputation.version());
    assertThat(refreshes).isEmpty();
  }

  @Test
  void table_roundsRecordedOftenerThanTheLeastInterval_makeATableAtMostOncePerInterval() {
    tables.table("eth");
    long step = SelectionTables.MIN_REFRESH_NANOS / 5;
    // A round recorded and a request every fifth of the interval, for ten intervals.
    for (int i = 0; i < 50; i++) {
      clock.advance(Duration.ofNanos(step));
      feed.ok(i % 2 == 0 ? "a" : "b");
      tables.table("eth");
      runRefreshes();
    }
    assertThat(tables.builds()).as("the first and one per interval").isEqualTo(11);
  }

  @Test
  void table_olderThanItsMaxAge_isRefreshed_evenWithNothingRecorded() {
    SelectionTables.Table first = tables.table("eth");
    clock.advance(Duration.ofNanos(SelectionTables.MAX_AGE_NANOS - 1));
    assertThat(tables.table("eth")).isSameAs(first);
    assertThat(refreshes).isEmpty();

    clock.advance(Duration.ofNanos(1));
    assertThat(tables.table("eth")).isSameAs(first);
    assertThat(refreshes).hasSize(1);
    runRefreshes();
    assertThat(tables.table("eth").pool().madeAtNanos())
        .isEqualTo(first.pool().madeAtNanos() + SelectionTables.MAX_AGE_NANOS);
  }

  @Test
  void sessionsChanged_makesTheTableAhead_soTheRequestFindsItCurrent() {
    tables.table("eth");
    servicers.remove("b");
    sessions.incrementAndGet();
    tables.sessionsChanged("eth");
    runRefreshes();

    SelectionTables.Table t = tables.table("eth");
    assertThat(t.urls()).containsOnlyKeys("a");
    assertThat(t.pool().size()).isEqualTo(1);
    assertThat(tables.builds()).isEqualTo(2);
  }

  @Test
  void table_madeBeforeASessionEnded_isNeverServed_evenBeforeTheRefreshRuns() {
    tables.table("eth");
    servicers.remove("b");
    sessions.incrementAndGet();
    tables.sessionsChanged("eth");

    SelectionTables.Table t = tables.table("eth");
    assertThat(t.urls()).as("b's session ended: not drawn from").containsOnlyKeys("a");
    assertThat(tables.builds()).isEqualTo(2);
    runRefreshes();
    assertThat(tables.table("eth").urls()).containsOnlyKeys("a");
  }
}
