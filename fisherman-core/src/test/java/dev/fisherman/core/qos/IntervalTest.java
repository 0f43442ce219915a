package dev.fisherman.core.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IntervalTest {

  @Test
  void wilson95_eightOfTen_matchesTheReferenceValues() {
    // Reference: Wilson score interval, z = 1.96, p = 0.8, n = 10 -> [0.4902, 0.9433].
    Interval i = Interval.wilson95(8, 10);

    assertThat(i.low()).isCloseTo(0.4902, within(1e-4));
    assertThat(i.high()).isCloseTo(0.9433, within(1e-4));
  }

  @Test
  void wilson95_allSuccesses_reachesOneButNotZero() {
    Interval i = Interval.wilson95(5, 5);

    assertThat(i.high()).isEqualTo(1.0);
    assertThat(i.low()).isCloseTo(0.5655, within(1e-4));
  }

  @Test
  void wilson95_noSuccesses_startsAtZero() {
    Interval i = Interval.wilson95(0, 20);

    assertThat(i.low()).isEqualTo(0.0);
    assertThat(i.high()).isCloseTo(0.1611, within(1e-4));
  }

  @Test
  void wilson95_moreSuccessesThanTrials_isRejected() {
    assertThatThrownBy(() -> Interval.wilson95(3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("successes: 3 (expected: in [0, 2])");
    assertThatThrownBy(() -> Interval.wilson95(0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trials: 0 (expected: >= 1)");
  }
}
