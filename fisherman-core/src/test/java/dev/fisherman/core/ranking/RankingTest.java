package dev.fisherman.core.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.qos.CheckFigures;
import dev.fisherman.core.qos.LatencySummary;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.qos.Verdicts;
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
}
