package dev.fisherman.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.qos.Verdicts;
import dev.fisherman.core.ranking.Ranking;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.core.store.SessionState;
import dev.fisherman.core.store.SessionSummary;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.testkit.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The ranking views' ages on a manual clock, refreshes run by hand. */
class RankingViewsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final ManualClock clock = new ManualClock(T0);
  private final Queue<Runnable> refreshes = new ArrayDeque<>();

  /** A task to run once the ticker reads {@code at}. */
  private record Drop(long at, Runnable task) {}

  private final List<Drop> drops = new ArrayList<>();
  private final AtomicInteger orders = new AtomicInteger();
  // The servicers the next ordering sees: one more each time, so views can be told apart.
  private final RankingViews views =
      new RankingViews(
          service -> {
            int n = orders.incrementAndGet();
            ServicerQos[] qos = new ServicerQos[n];
            for (int i = 0; i < n; i++) {
              qos[i] = qos("s" + i);
            }
            return Ranking.order(
                List.of(
                    new SessionReport(
                        new SessionSummary(
                            "s-1", service, T0, T0.plusSeconds(60), SessionState.ACTIVE, 60, 14, n),
                        List.of(qos))),
                QosParams.DEFAULTS,
                service,
                a -> Optional.empty());
          },
          FishermanClock.of(clock, clock),
          refreshes::add,
          (nanos, task) -> drops.add(new Drop(clock.nanoTime() + nanos, task)));

  private static ServicerQos qos(String address) {
    return new ServicerQos(
        address,
        URI.create("http://127.0.0.1:9000/" + address),
        14,
        Map.of(),
        OptionalDouble.of(1.0),
        Optional.empty(),
        Optional.empty(),
        new Verdicts(Verdicts.Available.YES, Verdicts.Latency.UNKNOWN),
        OptionalLong.empty());
  }

  /** Runs the drops due by now, as a scheduler would. */
  private void runDrops() {
    List<Drop> due = drops.stream().filter(d -> d.at() - clock.nanoTime() <= 0).toList();
    drops.removeAll(due);
    due.forEach(d -> d.task().run());
  }

  private void runRefreshes() {
    for (Runnable r = refreshes.poll(); r != null; r = refreshes.poll()) {
      r.run();
    }
  }

  @Test
  void view_youngerThanRefreshAfter_isServedAsIs_withoutOrderingAgain() {
    RankingViews.View first = views.view("eth");
    assertThat(orders).as("the first view is made on the caller's thread").hasValue(1);
    assertThat(first.asOf()).isEqualTo(T0);

    clock.advance(Duration.ofNanos(RankingViews.REFRESH_AFTER_NANOS - 1));
    for (int i = 0; i < 100; i++) {
      assertThat(views.view("eth")).isSameAs(first);
    }
    assertThat(orders).hasValue(1);
    assertThat(refreshes).isEmpty();
  }

  @Test
  void view_pastRefreshAfter_isServed_whileOneRefreshMakesTheNextOffThePath() {
    RankingViews.View first = views.view("eth");
    clock.advance(Duration.ofNanos(RankingViews.REFRESH_AFTER_NANOS));

    for (int i = 0; i < 100; i++) {
      assertThat(views.view("eth")).isSameAs(first);
    }
    assertThat(orders).as("no ordering on the request's path").hasValue(1);
    assertThat(refreshes).as("one refresh, however many requests").hasSize(1);

    runRefreshes();
    RankingViews.View next = views.view("eth");
    assertThat(next.ordered().rankedTotal()).isEqualTo(2);
    assertThat(next.asOf()).isEqualTo(T0.plusNanos(RankingViews.REFRESH_AFTER_NANOS));
    assertThat(orders).hasValue(2);
    assertThat(refreshes).isEmpty();
  }

  @Test
  void view_olderThanMaxAge_isNeverServed_theNextIsMadeAtOnce() {
    views.view("eth");
    clock.advance(Duration.ofNanos(RankingViews.REFRESH_AFTER_NANOS));
    views.view("eth");
    // The refresh has not run (a busy refresher); past the max age the request makes its own.
    clock.advance(Duration.ofNanos(RankingViews.MAX_AGE_NANOS - RankingViews.REFRESH_AFTER_NANOS));

    RankingViews.View now = views.view("eth");
    assertThat(now.asOf()).isEqualTo(T0.plusNanos(RankingViews.MAX_AGE_NANOS));
    assertThat(now.ordered().rankedTotal()).isEqualTo(2);

    // The late refresh makes a newer view still; it replaces the one the request made.
    clock.advance(Duration.ofMillis(1));
    runRefreshes();
    assertThat(views.view("eth").ordered().rankedTotal()).isEqualTo(3);
  }

  @Test
  void view_isDroppedOnceTooOldToServe_soAQuietPortHoldsNone() {
    RankingViews.View first = views.view("eth");
    clock.advance(Duration.ofNanos(RankingViews.MAX_AGE_NANOS - 1));
    runDrops();
    assertThat(views.held()).isEqualTo(1);
    assertThat(views.view("eth")).isSameAs(first);

    clock.advance(Duration.ofNanos(1));
    runDrops();
    assertThat(views.held()).isZero();
    runRefreshes();
    // The refresh asked for above made a view, dropped a second later in turn.
    clock.advance(Duration.ofNanos(RankingViews.MAX_AGE_NANOS));
    runDrops();
    assertThat(views.held()).isZero();
    assertThat(views.view("eth").asOf()).isEqualTo(clock.instant());
  }

  @Test
  void view_replacedBeforeItsDrop_isNotDroppedWithTheOldOne() {
    views.view("eth");
    clock.advance(Duration.ofNanos(RankingViews.REFRESH_AFTER_NANOS));
    views.view("eth");
    runRefreshes();
    RankingViews.View next = views.view("eth");
    clock.advance(Duration.ofNanos(RankingViews.MAX_AGE_NANOS - RankingViews.REFRESH_AFTER_NANOS));
    runDrops();
    assertThat(views.held()).isEqualTo(1);
    assertThat(views.view("eth")).isSameAs(next);
  }

  @Test
  void view_eachServiceHasItsOwn() {
    RankingViews.View eth = views.view("eth");
    RankingViews.View btc = views.view("btc");
    assertThat(btc).isNotSameAs(eth);
    assertThat(btc.ordered().service()).isEqualTo("btc");
    assertThat(views.view("eth")).isSameAs(eth);
  }
}
