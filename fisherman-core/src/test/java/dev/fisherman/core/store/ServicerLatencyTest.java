package dev.fisherman.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.core.qos.LatencySummary;
import dev.fisherman.genesis.QosParams;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Latency percentiles of a servicer's aggregate, kept sorted as observations arrive. */
class ServicerLatencyTest {

  private static Observation ok(int round, long micros) {
    return new Observation(
        "s",
        "a",
        round,
        Instant.EPOCH,
        0,
        OptionalLong.empty(),
        OptionalLong.empty(),
        micros * 1_000,
        Outcome.OK,
        OptionalInt.of(200),
        OptionalLong.empty(),
        ProbeFacts.NONE,
        "");
  }

  @Test
  void snapshot_observationsInAnyOrder_giveExactNearestRankPercentiles() {
    // 1..200 ms in a shuffled order, beyond the planned 12 so the array grows too.
    List<Integer> ms = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      ms.add(i);
    }
    Collections.shuffle(ms, new java.util.Random(7));
    ServicerAggregate a = new ServicerAggregate("a", URI.create("http://127.0.0.1:1"), 12);
    for (int i = 0; i < ms.size(); i++) {
      a.record(ok(i, ms.get(i) * 1_000L));
    }

    LatencySummary l = a.snapshot(QosParams.DEFAULTS).latencyMs().orElseThrow();

    assertThat(l).isEqualTo(new LatencySummary(1, 100, 180, 198, 200, 100.5));
  }

  @Test
  void snapshot_betweenRecords_isExactEveryTime() {
    SplittableRandom random = new SplittableRandom(11);
    ServicerAggregate a = new ServicerAggregate("a", URI.create("http://127.0.0.1:1"), 64);
    List<Long> seen = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long micros = 1 + random.nextInt(100_000);
      seen.add(micros);
      a.record(ok(i, micros));
      if (i % 7 == 0) {
        List<Long> sorted = new ArrayList<>(seen);
        Collections.sort(sorted);
        int n = sorted.size();
        LatencySummary l = a.snapshot(QosParams.DEFAULTS).latencyMs().orElseThrow();
        assertThat(l.min()).isEqualTo(sorted.get(0) / 1e3);
        assertThat(l.p50()).isEqualTo(sorted.get((int) Math.ceil(0.5 * n) - 1) / 1e3);
        assertThat(l.p90()).isEqualTo(sorted.get((int) Math.ceil(0.9 * n) - 1) / 1e3);
        assertThat(l.max()).isEqualTo(sorted.get(n - 1) / 1e3);
      }
    }
  }

  @Test
  void snapshot_repeatedValuesAndFailures_countOnlyOkProbes() {
    SplittableRandom random = new SplittableRandom(3);
    ServicerAggregate a = new ServicerAggregate("a", URI.create("http://127.0.0.1:1"), 4);
    List<Long> okMicros = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long micros = 1_000 * (1 + random.nextInt(5));
      if (i % 7 == 0) {
        a.record(
            new Observation(
                "s",
                "a",
                i,
                Instant.EPOCH,
                0,
                OptionalLong.empty(),
                OptionalLong.empty(),
                9_999_000_000L,
                Outcome.TIMEOUT_RESPONSE,
                OptionalInt.empty(),
                OptionalLong.empty(),
                ProbeFacts.NONE,
                "no answer"));
        continue;
      }
      okMicros.add(micros);
      a.record(ok(i, micros));
    }
    Collections.sort(okMicros);
    int n = okMicros.size();

    LatencySummary l = a.snapshot(QosParams.DEFAULTS).latencyMs().orElseThrow();

    assertThat(l.min()).isEqualTo(okMicros.get(0) / 1e3);
    assertThat(l.p50()).isEqualTo(okMicros.get((int) Math.ceil(0.5 * n) - 1) / 1e3);
    assertThat(l.p99()).isEqualTo(okMicros.get((int) Math.ceil(0.99 * n) - 1) / 1e3);
    assertThat(l.max()).isEqualTo(okMicros.get(n - 1) / 1e3);
    assertThat(l.mean())
        .isEqualTo(okMicros.stream().mapToLong(Long::longValue).sum() / (double) n / 1e3);
  }
}
