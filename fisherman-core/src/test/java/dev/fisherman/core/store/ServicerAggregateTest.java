package dev.fisherman.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.core.qos.Interval;
import dev.fisherman.core.qos.LatencySummary;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.qos.Verdicts;
import dev.fisherman.core.testkit.Genesises;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.QosParams;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ServicerAggregateTest {
  // min_samples 5, min_availability 0.9, high_latency 500ms (the defaults).
  private static final QosParams QOS =
      Genesises.qos(12, Distribution.STRATIFIED, Duration.ZERO, Duration.ofSeconds(2));
  private static final URI URL = URI.create("http://127.0.0.1:9001");

  private static ServicerAggregate aggregate(int planned) {
    return new ServicerAggregate("a", URL, planned);
  }

  @Test
  void snapshot_nothingRecorded_isAllUnknown() {
    ServicerQos q = aggregate(12).snapshot(QOS);

    assertThat(q.probes()).isZero();
    assertThat(q.outcomes()).isEmpty();
    assertThat(q.availability()).isEmpty();
    assertThat(q.availabilityCi95()).isEmpty();
    assertThat(q.latencyMs()).isEmpty();
    assertThat(q.verdicts())
        .isEqualTo(new Verdicts(Verdicts.Available.UNKNOWN, Verdicts.Latency.UNKNOWN));
    assertThat(q.maxBlockHeight()).isEmpty();
  }

  @Test
  void snapshot_countsOutcomesAndExcludesCancelledFromAvailability() {
    ServicerAggregate a = aggregate(12);
    for (int i = 0; i < 8; i++) {
      a.record(Observations.ok(i, 10_000));
    }
    a.record(Observations.of(8, Outcome.TIMEOUT_RESPONSE));
    a.record(Observations.of(9, Outcome.HTTP_STATUS));
    a.cancelled(2);

    ServicerQos q = a.snapshot(QOS);

    assertThat(q.probes()).isEqualTo(12);
    assertThat(q.outcomes())
        .isEqualTo(
            Map.of(
                Outcome.OK, 8L,
                Outcome.TIMEOUT_RESPONSE, 1L,
                Outcome.HTTP_STATUS, 1L,
                Outcome.CANCELLED, 2L));
    assertThat(q.availability().getAsDouble()).isEqualTo(0.8);
    assertThat(q.availabilityCi95()).contains(Interval.wilson95(8, 10));
    assertThat(q.verdicts().available()).isEqualTo(Verdicts.Available.NO);
    assertThat(q.maxBlockHeight()).hasValue(107);
  }

  @Test
  void snapshot_onlyOkThenOnlyCancelled_countsEachOutcome() {
    ServicerAggregate ok = aggregate(12);
    for (int i = 0; i < 3; i++) {
      ok.record(Observations.ok(i, 10_000));
    }
    ServicerAggregate cancelled = aggregate(12);
    cancelled.cancelled(4);

    assertThat(ok.snapshot(QOS).outcomes()).isEqualTo(Map.of(Outcome.OK, 3L));
    assertThat(ok.probes()).isEqualTo(3);
    assertThat(cancelled.snapshot(QOS).outcomes()).isEqualTo(Map.of(Outcome.CANCELLED, 4L));
    assertThat(cancelled.snapshot(QOS).availability()).isEmpty();
    assertThat(cancelled.probes()).isEqualTo(4);
  }

  @Test
  void snapshot_availabilityAtTheThreshold_isAvailable() {
    ServicerAggregate a = aggregate(10);
    for (int i = 0; i < 9; i++) {
      a.record(Observations.ok(i, 1_000));
    }
    a.record(Observations.of(9, Outcome.REFUSED));

    assertThat(a.snapshot(QOS).verdicts().available()).isEqualTo(Verdicts.Available.YES);
  }

  @Test
  void snapshot_fewerThanMinSamplesNonCancelled_isUnknownEvenWhenAllFail() {
    ServicerAggregate a = aggregate(12);
    for (int i = 0; i < 4; i++) {
      a.record(Observations.of(i, Outcome.REFUSED));
    }
    a.cancelled(8);

    ServicerQos q = a.snapshot(QOS);

    assertThat(q.availability().getAsDouble()).isZero();
    assertThat(q.verdicts().available()).isEqualTo(Verdicts.Available.UNKNOWN);
  }

  @Test
  void snapshot_latency_isExactNearestRankPercentilesOfOkProbesInMilliseconds() {
    ServicerAggregate a = aggregate(100);
    for (int i = 1; i <= 100; i++) {
      a.record(Observations.ok(i - 1, i * 1_000L)); // 1 ms .. 100 ms
    }
    a.record(Observations.of(100, Outcome.TIMEOUT_RESPONSE)); // never in the latency

    LatencySummary l = a.snapshot(QOS).latencyMs().orElseThrow();

    assertThat(l).isEqualTo(new LatencySummary(1.0, 50.0, 90.0, 99.0, 100.0, 50.5));
  }

  @Test
  void snapshot_medianAtHighLatency_isHigh_belowIsLow_beforeMinSamplesUnknown() {
    ServicerAggregate slow = aggregate(12);
    ServicerAggregate fast = aggregate(12);
    ServicerAggregate few = aggregate(12);
    for (int i = 0; i < 5; i++) {
      slow.record(Observations.ok(i, 500_000));
      fast.record(Observations.ok(i, 499_999));
    }
    for (int i = 0; i < 4; i++) {
      few.record(Observations.ok(i, 900_000));
    }

    assertThat(slow.snapshot(QOS).verdicts().latency()).isEqualTo(Verdicts.Latency.HIGH);
    assertThat(fast.snapshot(QOS).verdicts().latency()).isEqualTo(Verdicts.Latency.LOW);
    assertThat(few.snapshot(QOS).verdicts().latency()).isEqualTo(Verdicts.Latency.UNKNOWN);
  }

  @Test
  void record_moreOkThanPlanned_growsInsteadOfFailing() {
    ServicerAggregate a = aggregate(2);
    for (int i = 0; i < 5; i++) {
      a.record(Observations.ok(i, 1_000 * (i + 1)));
    }

    assertThat(a.snapshot(QOS).latencyMs().orElseThrow().max()).isEqualTo(5.0);
  }

  @Test
  void lastObservations_keepsTheLastFiveOldestFirstWithEveryField() {
    ServicerAggregate a = aggregate(12);
    List<Instant> instants = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      instants.add(Observations.T0.plusSeconds(i));
    }
    for (int i = 0; i < 6; i++) {
      a.record(Observations.ok(i, 1_000));
    }
    a.record(Observations.of(6, Outcome.RPC_ERROR));

    List<Observation> last = a.lastObservations("s-1", instants);

    assertThat(last).extracting(Observation::round).containsExactly(2, 3, 4, 5, 6);
    assertThat(last.get(4))
        .isEqualTo(
            new Observation(
                "s-1",
                "a",
                6,
                Observations.T0.plusSeconds(6),
                2_000,
                OptionalLong.of(5_000),
                OptionalLong.empty(),
                7_000,
                Outcome.RPC_ERROR,
                OptionalInt.empty(),
                OptionalLong.of(-32000),
                ProbeFacts.NONE,
                "rpc_error"));
    assertThat(last.get(0))
        .isEqualTo(
            new Observation(
                "s-1",
                "a",
                2,
                Observations.T0.plusSeconds(2),
                1_000,
                OptionalLong.empty(),
                OptionalLong.of(900_000),
                1_000_000,
                Outcome.OK,
                OptionalInt.of(200),
                OptionalLong.empty(),
                ProbeFacts.height(102),
                ""));
  }

  @Test
  void lastObservations_okAfterAnErrorInTheSameSlot_hasNoDetailOrRpcCode() {
    ServicerAggregate a = aggregate(12);
    List<Instant> instants = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      instants.add(Observations.T0.plusSeconds(i));
    }
    a.record(Observations.of(0, Outcome.RPC_ERROR));
    for (int i = 1; i < 6; i++) {
      a.record(Observations.ok(i, 1_000));
    }
    a.record(Observations.of(6, Outcome.RPC_ERROR));

    List<Observation> last = a.lastObservations("s-1", instants);

    assertThat(last).extracting(Observation::round).containsExactly(2, 3, 4, 5, 6);
    assertThat(last.subList(0, 4)).extracting(Observation::detail).containsOnly("");
    assertThat(last.subList(0, 4))
        .extracting(Observation::rpcErrorCode)
        .containsOnly(OptionalLong.empty());
    assertThat(last.get(4).detail()).isEqualTo("rpc_error");
    assertThat(last.get(4).rpcErrorCode()).hasValue(-32000);
  }

  @Test
  void record_concurrentWriters_loseNothing() throws Exception {
    ServicerAggregate a = aggregate(40_000);
    int threads = 4;
    int each = 10_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      Thread w =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < each; i++) {
                  a.record(
                      i % 2 == 0
                          ? Observations.ok(offset, 1_000)
                          : Observations.of(offset, Outcome.RESET));
                }
              });
      w.start();
      workers.add(w);
    }
    go.countDown();
    for (Thread w : workers) {
      w.join();
    }

    ServicerQos q = a.snapshot(QOS);
    assertThat(q.probes()).isEqualTo(40_000);
    assertThat(q.outcomes()).isEqualTo(Map.of(Outcome.OK, 20_000L, Outcome.RESET, 20_000L));
    assertThat(q.availability().getAsDouble()).isCloseTo(0.5, within(1e-12));
  }
}
