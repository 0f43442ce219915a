package dev.fisherman.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FigureTest {
  private static Figure figure(Optional<Bar> bar, Double... runs) {
    return new Figure("f", "ms", bar, List.of(runs), "", "");
  }

  @Test
  void median_oddRuns_isTheMiddleRun() {
    Figure f = figure(Optional.empty(), 3.0, 1.0, 2.0);
    assertThat(f.min()).isEqualTo(1.0);
    assertThat(f.median()).isEqualTo(2.0);
    assertThat(f.max()).isEqualTo(3.0);
  }

  @Test
  void median_evenRuns_isTheMeanOfTheMiddleTwo() {
    assertThat(figure(Optional.empty(), 4.0, 1.0, 2.0, 3.0).median()).isEqualTo(2.5);
  }

  @Test
  void median_skipsRunsWithoutAValue() {
    assertThat(figure(Optional.empty(), Double.NaN, 5.0, 7.0).median()).isEqualTo(6.0);
  }

  @Test
  void passed_atMostBar_judgedOnTheMedianRun() {
    Figure f = figure(Optional.of(Bar.atMost(10, "<= 10 ms")), 8.0, 9.0, 12.0);
    assertThat(f.passed()).contains(true);
    assertThat(f.worstRunMisses()).isTrue();
  }

  @Test
  void passed_atLeastBar_missesBelowTheThreshold() {
    Figure f = figure(Optional.of(Bar.atLeast(20_000, ">= 20,000")), 19_000.0, 19_500.0, 21_000.0);
    assertThat(f.passed()).contains(false);
  }

  @Test
  void passed_noRuns_isEmpty() {
    Figure f = figure(Optional.of(Bar.atMost(1, "<= 1")));
    assertThat(f.measured()).isFalse();
    assertThat(f.passed()).isEmpty();
  }
}
