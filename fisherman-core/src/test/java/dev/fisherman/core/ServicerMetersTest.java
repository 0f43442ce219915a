package dev.fisherman.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisherman.core.probe.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServicerMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private Counter probes(String service, String servicer, Outcome outcome) {
    return registry
        .find(FishermanMetrics.SERVICER_PROBES)
        .tags("service", service, "servicer", servicer, "outcome", outcome.wireName())
        .counter();
  }

  private Timer latency(String service, String servicer) {
    return registry
        .find(FishermanMetrics.SERVICER_PROBE_LATENCY)
        .tags("service", service, "servicer", servicer)
        .timer();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  @Test
  void probes_countsPerServicerAndOutcome_andOkLatency() {
    ServicerMeters m = new ServicerMeters(registry, 10);
    m.join("eth", List.of("a", "b"));

    m.probes("eth", "a", Outcome.OK, 1, 2_000_000);
    m.probes("eth", "a", Outcome.OK, 1, 4_000_000);
    m.probes("eth", "b", Outcome.REFUSED, 1, 100_000);
    m.probes("eth", "b", Outcome.CANCELLED, 3, 0);

    assertThat(probes("eth", "a", Outcome.OK).count()).isEqualTo(2);
    assertThat(latency("eth", "a").count()).isEqualTo(2);
    assertThat(latency("eth", "a").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6.0);
    assertThat(probes("eth", "b", Outcome.REFUSED).count()).isEqualTo(1);
    assertThat(probes("eth", "b", Outcome.CANCELLED).count()).isEqualTo(3);
    assertThat(latency("eth", "b").count()).isZero();
    // Only the outcomes seen have a series.
    assertThat(probes("eth", "a", Outcome.REFUSED)).isNull();
    assertThat(gauge(FishermanMetrics.SERVICER_METRICS_SERVICERS)).isEqualTo(2);
  }

  @Test
  void leave_removesTheSeriesOnlyWhenTheServicerIsInNoActiveSessionOfTheService() {
    ServicerMeters m = new ServicerMeters(registry, 10);
    m.join("eth", List.of("a", "b"));
    m.join("eth", List.of("a"));
    m.probes("eth", "a", Outcome.OK, 1, 1_000_000);
    m.probes("eth", "b", Outcome.OK, 1, 1_000_000);

    m.leave("eth", List.of("a", "b"));

    assertThat(probes("eth", "a", Outcome.OK)).isNotNull();
    assertThat(latency("eth", "a")).isNotNull();
    assertThat(probes("eth", "b", Outcome.OK)).isNull();
    assertThat(latency("eth", "b")).isNull();

    m.leave("eth", List.of("a"));

    assertThat(registry.find(FishermanMetrics.SERVICER_PROBES).counters()).isEmpty();
    assertThat(registry.find(FishermanMetrics.SERVICER_PROBE_LATENCY).timers()).isEmpty();
    assertThat(gauge(FishermanMetrics.SERVICER_METRICS_SERVICERS)).isZero();
    // A probe that lands after the servicer left is not counted anywhere.
    m.probes("eth", "a", Outcome.OK, 1, 1_000_000);
    assertThat(registry.find(FishermanMetrics.SERVICER_PROBES).counters()).isEmpty();
  }

  @Test
  void join_beyondTheLimit_leavesServicersWithoutSeries_andCountsThem() {
    ServicerMeters m = new ServicerMeters(registry, 2);
    m.join("eth", List.of("a", "b", "c"));
    m.probes("eth", "c", Outcome.OK, 1, 1_000_000);

    assertThat(gauge(FishermanMetrics.SERVICER_METRICS_SERVICERS)).isEqualTo(2);
    assertThat(gauge(FishermanMetrics.SERVICER_METRICS_LIMIT)).isEqualTo(2);
    assertThat(registry.get(FishermanMetrics.SERVICER_METRICS_REFUSED).counter().count())
        .isEqualTo(1);
    assertThat(latency("eth", "c")).isNull();

    // Room freed by a finished session goes to the next session's servicers.
    m.leave("eth", List.of("a", "b", "c"));
    m.join("eth", List.of("c"));
    m.probes("eth", "c", Outcome.OK, 1, 1_000_000);
    assertThat(probes("eth", "c", Outcome.OK).count()).isEqualTo(1);
  }

  @Test
  void limitZero_publishesNoServicerSeries() {
    ServicerMeters m = new ServicerMeters(registry, 0);
    m.join("eth", List.of("a"));
    m.probes("eth", "a", Outcome.OK, 1, 1_000_000);
    m.leave("eth", List.of("a"));

    assertThat(registry.find(FishermanMetrics.SERVICER_PROBES).counters()).isEmpty();
    assertThat(registry.find(FishermanMetrics.SERVICER_PROBE_LATENCY).timers()).isEmpty();
    assertThat(registry.get(FishermanMetrics.SERVICER_METRICS_REFUSED).counter().count()).isZero();
  }

  @Test
  void negativeLimit_isRejected() {
    assertThatThrownBy(() -> new ServicerMeters(registry, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("servicerMetricsLimit: -1 (expected: >= 0)");
  }
}
