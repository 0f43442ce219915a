package dev.fisherman.daemon.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromQlTest {
  @Test
  void metricNames_histogramQuantileWithGroupingAndVariables_onlyTheBucketSeries() {
    assertThat(
            PromQl.metricNames(
                "histogram_quantile(0.99, sum by (service, le) (rate("
                    + "fisherman_probe_latency_seconds_bucket{service=~\"$service\","
                    + " instance=~\"$instance\"}[$__rate_interval])))"))
        .containsExactly("fisherman_probe_latency_seconds_bucket");
  }

  @Test
  void metricNames_binaryOperatorsWithMatchingAndTrailingBy_bothSides() {
    assertThat(
            PromQl.metricNames(
                "sum(rate(fisherman_probes_total{outcome=\"ok\"}[5m])) by (service)\n"
                    + "  / on (service) group_left (job)\n"
                    + "sum without (outcome) (rate(fisherman_probes_total[5m] offset 1h))\n"
                    + "and on (job, instance) process_uptime_seconds > 3 * 3600 or vector(1)"))
        .containsExactly("fisherman_probes_total", "process_uptime_seconds");
  }

  @Test
  void metricNames_stringsNumbersAndDurations_areNotNames() {
    assertThat(
            PromQl.metricNames(
                "label_replace(up{job='x'}, \"svc\", \"$1\", \"instance\", \"(.*)\") > 1e3 + 0x1f"
                    + " - .5 + Inf"))
        .containsExactly("up");
  }

  @Test
  void metricNames_unknownFunction_isAnError() {
    assertThatThrownBy(() -> PromQl.metricNames("ratee(fisherman_probes_total[5m])"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown function ratee at 0");
  }

  @Test
  void metricNames_unterminatedMatcher_isAnError() {
    assertThatThrownBy(() -> PromQl.metricNames("up{job=\"x\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no } after 2");
  }
}
