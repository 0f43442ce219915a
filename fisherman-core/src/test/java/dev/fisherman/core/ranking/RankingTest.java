package dev.fisherman.core.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.qos.CheckFigures;
import dev.fisherman.core.qos.LatencySummary;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.qos.Verdicts;
import dev.fisherman.core.reputation.ReputationState;
import dev.fisherman.core.reputation.ServicerReputation;
import dev.fisherman.core.reputation.TimeoutCause;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.core.store.SessionState;
import dev.fisherman.core.store.SessionSummary;
import dev.fisherman.genesis.QosParams;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RankingTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final QosParams PARAMS = QosParams.DEFAULTS;

  private static ServicerQos qos(
      String address, Verdicts.Available available, double a, double p50) {
    return new ServicerQos(
        address,
        URI.create("http://127.0.0.1:9000/" + address),
        14,
        Map.of(),
        OptionalDouble.of(a),
        Optional.empty(),
        p50 < 0 ? Optional.empty() : Optional.of(new LatencySummary(p50, p50, p50, p50, p50, p50)),
        new Verdicts(available, Verdicts.Latency.UNKNOWN),
        OptionalLong.empty());
  }

  private static SessionReport session(
      String id, String service, SessionState state, ServicerQos... servicers) {
    return new SessionReport(
        new SessionSummary(id, service, T0, T0.plusSeconds(60), state, 60, 14, servicers.length),
        List.of(servicers));
  }

  @Test
  void of_ordersByAvailabilityThenP50ThenAddress_withTheReasonForEachPlace() {
    Ranking r =
        Ranking.of(
            List.of(
                session(
                    "s-1",
                    "eth",
                    SessionState.ACTIVE,
                    qos("slow", Verdicts.Available.YES, 1.0, 410.3),
                    qos("fast", Verdicts.Available.YES, 1.0, 0.4),
                    qos("lossy", Verdicts.Available.YES, 0.95, 0.2),
                    qos("twin", Verdicts.Available.YES, 1.0, 0.4))),
            PARAMS,
            "eth");
    assertThat(r.ranked())
        .extracting(x -> x.rank() + " " + x.qos().address())
        .containsExactly("1 fast", "2 twin", "3 slow", "4 lossy");
    String min = String.format(java.util.Locale.ROOT, "%.3f", PARAMS.minAvailability());
    assertThat(r.ranked().get(0).reason())
        .isEqualTo("availability 1.000 >= " + min + ", p50 0.4 ms: best");
    assertThat(r.ranked().get(1).reason())
        .isEqualTo(
            "availability 1.000 >= "
                + min
                + ", p50 0.4 ms: same availability and p50, ordered by address after rank 1");
    assertThat(r.ranked().get(2).reason())
        .isEqualTo(
            "availability 1.000 >= "
                + min
                + ", p50 410.3 ms: same availability, higher p50 (410.3 ms > 0.4 ms) than rank 2"
                + " (twin)");
    assertThat(r.ranked().get(3).reason())
        .isEqualTo(
            "availability 0.950 >= "
                + min
                + ", p50 0.2 ms: lower availability (0.950 < 1.000) than rank 3 (slow)");
  }

  @Test
  void of_excludesTheUnavailableAndTheUnjudged_byAddress_withTheReason() {
    Ranking r =
        Ranking.of(
            List.of(
                session(
                    "s-1",
                    "eth",
                    SessionState.ACTIVE,
                    qos("new", Verdicts.Available.UNKNOWN, 1.0, 0.1),
                    qos("down", Verdicts.Available.NO, 0.0, -1))),
            PARAMS,
            "eth");
    assertThat(r.ranked()).isEmpty();
    assertThat(r.excluded())
        .extracting(Ranking.Excluded::reason)
        .containsExactly(
            String.format(
                java.util.Locale.ROOT,
                "not available: availability 0.000 < %.3f over 14 probes",
                PARAMS.minAvailability()),
            "not judged yet: 14 probes, " + PARAMS.minSamples() + " needed");
  }

  @Test
  void top_showsTheFirstOfEachListWithTheWholeRankingsReasons_andCountsThemAll() {
    List<SessionReport> sessions =
        List.of(
            session(
                "s-1",
                "eth",
                SessionState.ACTIVE,
                qos("slow", Verdicts.Available.YES, 1.0, 410.3),
                qos("fast", Verdicts.Available.YES, 1.0, 0.4),
                qos("lossy", Verdicts.Available.YES, 0.95, 0.2),
                qos("twin", Verdicts.Available.YES, 1.0, 0.4),
                qos("new", Verdicts.Available.UNKNOWN, 1.0, 0.1),
                qos("down", Verdicts.Available.NO, 0.0, -1)));
    Ranking whole = Ranking.of(sessions, PARAMS, "eth");
    Ranking.Ordered ordered = Ranking.order(sessions, PARAMS, "eth", a -> Optional.empty());

    Ranking top = ordered.top(2, 1);

    assertThat(top.ranked()).containsExactlyElementsOf(whole.ranked().subList(0, 2));
    assertThat(top.excluded()).containsExactlyElementsOf(whole.excluded().subList(0, 1));
    assertThat(top.rankedTotal()).isEqualTo(4);
    assertThat(top.excludedTotal()).isEqualTo(2);
    assertThat(top.cut()).isTrue();
    assertThat(whole.cut()).isFalse();
    assertThat(ordered.top(100, 100)).isEqualTo(whole);
    assertThat(ordered.top(0, 0).ranked()).isEmpty();
    assertThat(ordered.top(0, 0).rankedTotal()).isEqualTo(4);
  }

  private static ServicerQos checked(
      String address, Verdicts.Check synced, Verdicts.Check consistent, Verdicts.Check chain) {
    return new ServicerQos(
        address,
        URI.create("http://127.0.0.1:9000/" + address),
        14,
        Map.of(),
        OptionalDouble.of(1.0),
        Optional.empty(),
        Optional.of(new LatencySummary(1, 1, 1, 1, 1, 1)),
        new Verdicts(Verdicts.Available.YES, Verdicts.Latency.LOW, synced, consistent, chain),
        OptionalLong.of(100),
        OptionalLong.of(synced == Verdicts.Check.NO ? 50 : 0),
        new CheckFigures(
            10,
            synced == Verdicts.Check.NO ? 9 : 0,
            0,
            3,
            consistent == Verdicts.Check.NO ? 2 : 0,
            Optional.of(chain == Verdicts.Check.NO ? "0x89" : "0x1"),
            chain == Verdicts.Check.NO,
            true));
  }

  @Test
  void of_leavesOutServicersFailingACheck_withTheCheckAsTheReason() {
    Verdicts.Check yes = Verdicts.Check.YES;
    Verdicts.Check no = Verdicts.Check.NO;
    Ranking r =
        Ranking.of(
            List.of(
                session(
                    "s-1",
                    "eth",
                    SessionState.ACTIVE,
                    checked("good", yes, yes, yes),
                    checked("lagging", no, yes, yes),
                    checked("forked", yes, no, yes),
                    checked("other-chain", yes, yes, no))),
            PARAMS,
            "eth");

    assertThat(r.ranked()).extracting(x -> x.qos().address()).containsExactly("good");
    assertThat(r.excluded())
        .extracting(x -> x.qos().address() + ": " + x.reason())
        .containsExactly(
            "forked: consistent: no: disagreed with the quorum in 2 of 3 integrity rounds",
            "lagging: synced: no: behind the head in 9 of 10 rounds, latest 50 blocks behind",
            "other-chain: chain: no: serves chain \"0x89\"");
  }

  @Test
  void of_judgesAServicerByItsNewestActiveSessionOfTheService() {
    Ranking r =
        Ranking.of(
            List.of(
                session("s-3", "btc", SessionState.ACTIVE, qos("a", Verdicts.Available.YES, 1, 1)),
                session("s-2", "eth", SessionState.ENDED, qos("a", Verdicts.Available.YES, 1, 1)),
                session("s-1", "eth", SessionState.ACTIVE, qos("a", Verdicts.Available.NO, 0, 1)),
                session("s-0", "eth", SessionState.ACTIVE, qos("a", Verdicts.Available.YES, 1, 1))),
            PARAMS,
            "eth");
    assertThat(r.ranked()).isEmpty();
    assertThat(r.excluded()).extracting(Ranking.Excluded::sessionId).containsExactly("s-1");
  }

  private static ServicerReputation standing(String address, ReputationState state, int score) {
    return new ServicerReputation(
        address,
        score,
        state,
        state == ReputationState.TIMEOUT ? Optional.of(T0.plusSeconds(900)) : Optional.empty(),
        state == ReputationState.TIMEOUT || state == ReputationState.PROBATION
            ? Optional.of(TimeoutCause.INCONSISTENT)
            : Optional.empty(),
        state == ReputationState.PROBATION
            ? Optional.of(new ServicerReputation.Probation(1, 5))
            : Optional.empty(),
        Optional.of(0),
        List.of());
  }

  @Test
  void of_withReputation_ordersByStateThenScoreThenAvailability_andLeavesOutTimeouts() {
    Map<String, ServicerReputation> reputation =
        Map.of(
            "ok-90", standing("ok-90", ReputationState.OK, 90),
            "ok-97", standing("ok-97", ReputationState.OK, 97),
            "ok-97-lossy", standing("ok-97-lossy", ReputationState.OK, 97),
            "new", standing("new", ReputationState.NEW, 99),
            "probation", standing("probation", ReputationState.PROBATION, 100),
            "punished", standing("punished", ReputationState.TIMEOUT, 100));
    Ranking r =
        Ranking.of(
            List.of(
                session(
                    "s-1",
                    "eth",
                    SessionState.ACTIVE,
                    qos("probation", Verdicts.Available.YES, 1.0, 0.1),
                    qos("punished", Verdicts.Available.YES, 1.0, 0.1),
                    qos("unknown", Verdicts.Available.YES, 1.0, 0.1),
                    qos("new", Verdicts.Available.YES, 1.0, 0.1),
                    qos("ok-90", Verdicts.Available.YES, 1.0, 0.1),
                    qos("ok-97-lossy", Verdicts.Available.YES, 0.95, 0.1),
                    qos("ok-97", Verdicts.Available.YES, 1.0, 5.0))),
            PARAMS,
            "eth",
            address -> Optional.ofNullable(reputation.get(address)));

    assertThat(r.ranked())
        .extracting(x -> x.rank() + " " + x.qos().address())
        .containsExactly(
            "1 ok-97", "2 ok-97-lossy", "3 ok-90", "4 new", "5 unknown", "6 probation");
    assertThat(r.ranked().get(0).reputation()).contains(reputation.get("ok-97"));
    assertThat(r.ranked().get(4).reputation()).isEmpty();
    String min = String.format(java.util.Locale.ROOT, "%.3f", PARAMS.minAvailability());
    assertThat(r.ranked())
        .extracting(Ranking.Ranked::reason)
        .containsExactly(
            "reputation ok 97, availability 1.000 >= " + min + ", p50 5.0 ms: best",
            "reputation ok 97, availability 0.950 >= "
                + min
                + ", p50 0.1 ms: same score, lower availability (0.950 < 1.000) than rank 1"
                + " (ok-97)",
            "reputation ok 90, availability 1.000 >= "
                + min
                + ", p50 0.1 ms: lower reputation score (90 < 97) than rank 2 (ok-97-lossy)",
            "reputation new 99, availability 1.000 >= "
                + min
                + ", p50 0.1 ms: reputation new ranks after ok (rank 3, ok-90)",
            "availability 1.000 >= "
                + min
                + ", p50 0.1 ms: lower reputation score (none < 99) than rank 4 (new)",
            "reputation probation 100, availability 1.000 >= "
                + min
                + ", p50 0.1 ms: reputation probation ranks after not remembered (rank 5,"
                + " unknown)");
    assertThat(r.excluded())
        .extracting(x -> x.qos().address() + ": " + x.reason())
        .containsExactly(
            "punished: reputation: timeout until 2026-01-01T00:15:00Z after consistent: no");
    assertThat(r.excluded().get(0).reputation()).contains(reputation.get("punished"));
  }
}
