package dev.fisherman.core.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fisherman.core.probe.Finding;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.ReputationParams;
import dev.fisherman.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Decay, punishment, probation and selection on a manual clock. */
class ReputationTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final ManualClock clock = new ManualClock(T0);
  private final List<TimeoutCause> timeouts = new ArrayList<>();
  private Reputation reputation;
  private Feed feed;

  @BeforeEach
  void setUp() {
    use(QosParams.DEFAULTS);
  }

  private void use(QosParams qos) {
    reputation =
        Reputation.create(
            ReputationParams.DEFAULTS, qos, FishermanClock.of(clock, clock), 1_000, timeouts::add);
    feed = new Feed(reputation, clock);
  }

  private static QosParams minAvailability(double min) {
    QosParams d = QosParams.DEFAULTS;
    return new QosParams(
        d.probesPerSession(),
        d.distribution(),
        d.startDelay(),
        d.relayTimeout(),
        d.highLatency(),
        min,
        d.minSamples(),
        d.connection(),
        d.maxResponseBytes(),
        d.retentionSessions());
  }

  private ServicerReputation of(String address) {
    return reputation.of(address).orElseThrow();
  }

  private void okTimes(String servicer, int n) {
    for (int i = 0; i < n; i++) {
      feed.ok(servicer);
    }
  }

  private void refusedTimes(String servicer, int n) {
    for (int i = 0; i < n; i++) {
      feed.refused(servicer);
    }
  }

  @Test
  void score_deadForTwoHalfLives_isBelowFlakyButAlive() {
    use(minAvailability(0.5));
    // Both probed every minute for 2 hours: "dead" perfect, "flaky" ok 7 times in 10.
    for (int m = 0; m < 120; m++) {
      feed.ok("dead");
      feed.probe("flaky", m % 10 < 7 ? Outcome.OK : Outcome.REFUSED, Duration.ofMillis(20));
      clock.advance(MINUTE);
    }
    // Then "dead" refuses every probe for two half-lives.
    for (int m = 0; m < 60; m++) {
      feed.refused("dead");
      feed.probe("flaky", m % 10 < 7 ? Outcome.OK : Outcome.REFUSED, Duration.ofMillis(20));
      clock.advance(MINUTE);
    }

    ServicerReputation dead = of("dead");
    ServicerReputation flaky = of("flaky");
    assertThat(dead.score()).isLessThan(flaky.score());
    assertThat(dead.score()).isLessThan(30);
    assertThat(flaky.score()).isBetween(60, 75);
    assertThat(dead.reasons().get(0))
        .startsWith("availability 2")
        .endsWith("over 180 judged probes, older ones weighing less (half-life 30m)");
  }

  @Test
  void newServicer_isNewUntilMinSamples_andNeverSelected() {
    okTimes("a", 4);

    ServicerReputation a = of("a");
    assertThat(a.state()).isEqualTo(ReputationState.NEW);
    assertThat(a.reasons())
        .contains("new: 4 of 5 judged probes (min_samples) before it is selected");
    assertThat(reputation.select(List.of("a"), 1, new SplittableRandom(1))).isEmpty();

    feed.ok("a");
    assertThat(of("a").state()).isEqualTo(ReputationState.OK);
    assertThat(reputation.select(List.of("a"), 1, new SplittableRandom(1)))
        .extracting(ServicerReputation::address)
        .containsExactly("a");
  }

  @Test
  void brief_isTheStandingWithoutItsWords_inEveryState() {
    assertThat(reputation.brief("nobody")).isEmpty();
    okTimes("ok", 5);
    okTimes("new", 2);
    refusedTimes("down", 5);
    clock.advance(Duration.ofMinutes(1));
    for (String a : List.of("ok", "new", "down")) {
      ServicerReputation whole = of(a);
      assertThat(whole.reasons()).isNotEmpty();
      assertThat(reputation.brief(a))
          .contains(
              new ServicerReputation(
                  whole.address(),
                  whole.score(),
                  whole.state(),
                  whole.until(),
                  whole.cause(),
                  whole.probation(),
                  whole.latencyBand(),
                  List.of()));
    }
    assertThat(reputation.brief("down").orElseThrow().state()).isEqualTo(ReputationState.TIMEOUT);
  }

  @Test
  void timeout_startsWhenUnavailable_andEndsIntoProbationAfterTimeout() {
    okTimes("a", 5);
    refusedTimes("a", 1);
    assertThat(of("a").state()).isEqualTo(ReputationState.OK);
    refusedTimes("a", 4); // 5 of 10 since ok: below min_availability 0.9

    ServicerReputation a = of("a");
    assertThat(a.state()).isEqualTo(ReputationState.TIMEOUT);
    assertThat(a.until()).contains(T0.plus(Duration.ofMinutes(5)));
    assertThat(a.cause()).contains(TimeoutCause.UNAVAILABLE);
    assertThat(a.reasons())
        .contains(
            "timeout: available: no, not selected until 2026-01-01T00:05:00Z (each failed probe"
                + " restarts it)");
    assertThat(timeouts).containsExactly(TimeoutCause.UNAVAILABLE);
    assertThat(reputation.select(List.of("a"), 1, new SplittableRandom(1))).isEmpty();

    clock.advance(Duration.ofMinutes(5).minusNanos(1));
    assertThat(of("a").state()).isEqualTo(ReputationState.TIMEOUT);
    clock.advance(Duration.ofNanos(1));
    ServicerReputation later = of("a");
    assertThat(later.state()).isEqualTo(ReputationState.PROBATION);
    assertThat(later.until()).isEmpty();
    assertThat(later.probation()).contains(new ServicerReputation.Probation(0, 5));
  }

  @Test
  void timeout_failedProbeWhileInTimeout_restartsIt() {
    refusedTimes("a", 5);
    clock.advance(Duration.ofMinutes(4));
    feed.refused("a");

    assertThat(of("a").until()).contains(T0.plus(Duration.ofMinutes(9)));
    clock.advance(Duration.ofMinutes(4));
    assertThat(of("a").state()).isEqualTo(ReputationState.TIMEOUT);
    assertThat(timeouts).hasSize(1);
  }

  @Test
  void timeout_okProbesWhileInTimeout_doNotCountForProbation() {
    refusedTimes("a", 5);
    okTimes("a", 10);
    clock.advance(Duration.ofMinutes(5));

    assertThat(of("a").probation()).contains(new ServicerReputation.Probation(0, 5));
  }

  @Test
  void probation_passesAfterConsecutiveOkProbes() {
    refusedTimes("a", 5);
    clock.advance(Duration.ofMinutes(5));
    okTimes("a", 4);
    assertThat(of("a").probation()).contains(new ServicerReputation.Probation(4, 5));
    assertThat(of("a").reasons())
        .contains("probation after available: no: 4 of 5 consecutive ok probes");

    feed.ok("a");

    assertThat(of("a").state()).isEqualTo(ReputationState.OK);
    assertThat(of("a").probation()).isEmpty();
    // The window starts afresh: the old failures do not put it straight back in timeout.
    okTimes("a", 5);
    assertThat(of("a").state()).isEqualTo(ReputationState.OK);
  }

  @Test
  void probation_failedProbe_startsANewTimeout() {
    refusedTimes("a", 5);
    clock.advance(Duration.ofMinutes(5));
    okTimes("a", 3);
    clock.advance(MINUTE);

    feed.refused("a");

    ServicerReputation a = of("a");
    assertThat(a.state()).isEqualTo(ReputationState.TIMEOUT);
    assertThat(a.until()).contains(T0.plus(Duration.ofMinutes(11)));
    assertThat(timeouts).containsExactly(TimeoutCause.UNAVAILABLE, TimeoutCause.UNAVAILABLE);
  }

  @Test
  void integrity_disagreement_givesTheLongTimeout() {
    okTimes("a", 5);

    feed.probe(
        "a",
        Outcome.OK,
        Duration.ofMillis(20),
        Finding.NONE.withIntegrity(Finding.Integrity.DISAGREED));

    ServicerReputation a = of("a");
    assertThat(a.state()).isEqualTo(ReputationState.TIMEOUT);
    assertThat(a.cause()).contains(TimeoutCause.INCONSISTENT);
    assertThat(a.until()).contains(T0.plus(Duration.ofMinutes(15)));
    assertThat(a.reasons()).contains("consistent: no, disagreed with the integrity quorum (−40)");
    assertThat(timeouts).containsExactly(TimeoutCause.INCONSISTENT);
  }

  @Test
  void chain_mismatch_givesTheLongTimeoutAndScoreZero() {
    okTimes("a", 5);

    feed.probe(
        "a", Outcome.OK, Duration.ofMillis(20), Finding.NONE.withChain(Finding.Chain.MISMATCH));

    ServicerReputation a = of("a");
    assertThat(a.cause()).contains(TimeoutCause.CHAIN);
    assertThat(a.until()).contains(T0.plus(Duration.ofMinutes(15)));
    assertThat(a.score()).isZero();
  }

  @Test
  void sync_behindInMostRounds_costsPointsButNoTimeout() {
    for (int i = 0; i < 5; i++) {
      feed.probe(
          "a", Outcome.OK, Duration.ofMillis(20), Finding.NONE.withSync(Finding.Sync.BEHIND, 9));
    }
    okTimes("b", 5);

    assertThat(of("a").state()).isEqualTo(ReputationState.OK);
    assertThat(of("a").score()).isEqualTo(of("b").score() - 20);
    assertThat(of("a").reasons())
        .contains("synced: no, behind the head in 100% of judged rounds (−20)");
  }

  @Test
  void latencyBand_latenciesInOneBandScoreTheSame() {
    okTimesAt("fast", Duration.ofMillis(3));
    okTimesAt("slower", Duration.ofMillis(48));
    okTimesAt("outside", Duration.ofMillis(260));

    assertThat(of("fast").score()).isEqualTo(of("slower").score()).isEqualTo(100);
    assertThat(of("fast").latencyBand()).contains(0);
    assertThat(of("outside").latencyBand()).contains(5);
    assertThat(of("outside").score()).isLessThan(of("fast").score());
    assertThat(of("slower").reasons())
        .contains("latency 48 ms, in the band 0–50 ms (latencies in one band score the same)");
  }

  private void okTimesAt(String servicer, Duration latency) {
    for (int i = 0; i < 5; i++) {
      feed.ok(servicer, latency);
    }
  }

  @Test
  void probesExcludedOrCancelled_neverCount() {
    for (int i = 0; i < 10; i++) {
      feed.probe("a", Outcome.EXCLUDED, Duration.ofMillis(1));
      feed.probe("a", Outcome.CANCELLED, Duration.ZERO);
    }
    assertThat(reputation.of("a")).isEmpty();

    okTimes("a", 5);
    assertThat(of("a").reasons().get(0)).contains("over 5 judged probes");
  }

  @Test
  void forgetAfter_servicerWithoutObservationsIsForgotten() {
    okTimes("a", 5);
    clock.advance(Duration.ofHours(24).minusNanos(1));
    assertThat(reputation.of("a")).isPresent();

    clock.advance(Duration.ofNanos(1));

    assertThat(reputation.of("a")).isEmpty();
    assertThat(reputation.size()).isZero();
  }

  @Test
  void select_tenThousandDraws_followTheScoresWithinTwoPoints() {
    use(minAvailability(0.3));
    // Same latency band; availabilities 100%, 80% and 40% give scores 100, 80 and 40.
    for (int i = 0; i < 10; i++) {
      feed.ok("a");
      feed.probe("b", i < 8 ? Outcome.OK : Outcome.REFUSED, Duration.ofMillis(20));
      feed.probe("c", i % 5 < 2 ? Outcome.OK : Outcome.REFUSED, Duration.ofMillis(20));
    }
    assertThat(reputation.countByState("eth")).containsEntry(ReputationState.OK, 3L);
    assertThat(List.of(of("a").score(), of("b").score(), of("c").score()))
        .containsExactly(100, 80, 40);
    SplittableRandom random = new SplittableRandom(42);
    Map<String, Integer> counts = new HashMap<>();
    int draws = 10_000;
    for (int i = 0; i < draws; i++) {
      String got = reputation.select(List.of("a", "b", "c"), 1, random).get(0).address();
      counts.merge(got, 1, Integer::sum);
    }

    // Tolerance 0.02: about four standard deviations of a frequency near 0.45 over 10,000 draws.
    assertThat(counts.get("a") / (double) draws).isCloseTo(100 / 220.0, within(0.02));
    assertThat(counts.get("b") / (double) draws).isCloseTo(80 / 220.0, within(0.02));
    assertThat(counts.get("c") / (double) draws).isCloseTo(40 / 220.0, within(0.02));
  }

  @Test
  void select_bestLatencyBandWeighsDouble() {
    okTimesAt("near", Duration.ofMillis(10));
    okTimesAt("far", Duration.ofMillis(210));
    int near = of("near").score();
    int far = of("far").score();
    SplittableRandom random = new SplittableRandom(7);
    int nearCount = 0;
    int draws = 10_000;
    for (int i = 0; i < draws; i++) {
      nearCount +=
          reputation.select(List.of("near", "far"), 1, random).get(0).address().equals("near")
              ? 1
              : 0;
    }

    assertThat(nearCount / (double) draws).isCloseTo(2.0 * near / (2.0 * near + far), within(0.02));
  }

  @Test
  void select_nDistinct_skipsTimeoutAndUnknown() {
    okTimes("a", 5);
    okTimes("b", 5);
    refusedTimes("c", 5);

    List<ServicerReputation> got =
        reputation.select(List.of("a", "b", "c", "a", "nobody"), 10, new SplittableRandom(3));

    assertThat(got).extracting(ServicerReputation::address).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void pool_isStaleOnceARoundIsRecorded_andDrawNeverHandsOutAServicerNowInTimeout() {
    okTimes("a", 5);
    okTimes("b", 5);
    Pool pool = reputation.pool(List.of("a", "b"));
    assertThat(pool.size()).isEqualTo(2);
    assertThat(pool.version()).isEqualTo(reputation.version());

    // "a" fails until unavailable: a timeout starts after the pool was made.
    refusedTimes("a", 20);
    assertThat(of("a").state()).isEqualTo(ReputationState.TIMEOUT);
    assertThat(reputation.version()).isNotEqualTo(pool.version());

    for (int i = 0; i < 200; i++) {
      assertThat(reputation.draw(pool, 2, new SplittableRandom(i)))
          .extracting(ServicerReputation::address)
          .containsExactly("b");
    }
    assertThat(reputation.pool(List.of("a", "b")).size()).isEqualTo(1);
  }

  @Test
  void countByState_countsServicersSeenInTheService() {
    okTimes("a", 5);
    refusedTimes("b", 5);
    okTimes("c", 1);

    assertThat(reputation.countByState("eth"))
        .containsEntry(ReputationState.OK, 1L)
        .containsEntry(ReputationState.TIMEOUT, 1L)
        .containsEntry(ReputationState.NEW, 1L)
        .containsEntry(ReputationState.PROBATION, 0L);
    assertThat(reputation.count("other", ReputationState.OK)).isZero();
  }
}
