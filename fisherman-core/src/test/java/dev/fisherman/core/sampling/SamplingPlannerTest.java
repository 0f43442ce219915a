package dev.fisherman.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisherman.core.testkit.Genesises;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.QosParams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SamplingPlannerTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant END = START.plusSeconds(60);
  private static final Duration DELAY = Duration.ofSeconds(2);

  private static QosParams qos(int probes, Distribution d) {
    return Genesises.qos(probes, d, DELAY, Duration.ofSeconds(2));
  }

  @Test
  void plan_stratified_putsExactlyOneInstantInEachSlot() {
    for (long seed = 0; seed < 200; seed++) {
      SamplingPlan plan =
          SamplingPlanner.plan(
              qos(12, Distribution.STRATIFIED), START, END, new SplittableRandom(seed));

      assertThat(plan.rounds()).isEqualTo(12);
      long window = Duration.between(START.plus(DELAY), END).toNanos();
      int[] perSlot = new int[12];
      for (Instant i : plan.instants()) {
        long offset = Duration.between(START.plus(DELAY), i).toNanos();
        perSlot[(int) (offset * 12 / window)]++;
      }
      assertThat(perSlot).containsOnly(1);
    }
  }

  @Test
  void plan_stratified_coversEachSlotUniformly() {
    // Position inside the slot, over many draws: mean ~0.5, both halves used.
    double sum = 0;
    int draws = 0;
    long window = Duration.between(START.plus(DELAY), END).toNanos();
    long slot = window / 12;
    SplittableRandom random = new SplittableRandom(7);
    for (int n = 0; n < 500; n++) {
      SamplingPlan plan =
          SamplingPlanner.plan(qos(12, Distribution.STRATIFIED), START, END, random);
      for (int k = 0; k < 12; k++) {
        long offset = Duration.between(START.plus(DELAY), plan.instants().get(k)).toNanos();
        sum += (double) (offset - k * slot) / slot;
        draws++;
      }
    }
    assertThat(sum / draws).isBetween(0.48, 0.52);
  }

  @ParameterizedTest
  @EnumSource(Distribution.class)
  void plan_anyDistribution_keepsEveryInstantInsideTheWindowAfterStartDelay(Distribution d) {
    SplittableRandom random = new SplittableRandom(11);
    for (int n = 0; n < 300; n++) {
      SamplingPlan plan = SamplingPlanner.plan(qos(30, d), START, END, random);

      assertThat(plan.from()).isEqualTo(START.plus(DELAY));
      assertThat(plan.to()).isEqualTo(END);
      assertThat(plan.instants())
          .isSorted()
          .allSatisfy(i -> assertThat(i).isAfterOrEqualTo(START.plus(DELAY)).isBefore(END));
    }
  }

  @Test
  void plan_sameSeed_sameInstants_otherSeed_otherInstants() {
    SamplingPlan a =
        SamplingPlanner.plan(qos(12, Distribution.UNIFORM), START, END, new SplittableRandom(3));
    SamplingPlan b =
        SamplingPlanner.plan(qos(12, Distribution.UNIFORM), START, END, new SplittableRandom(3));
    SamplingPlan c =
        SamplingPlanner.plan(qos(12, Distribution.UNIFORM), START, END, new SplittableRandom(4));

    assertThat(a.instants()).isEqualTo(b.instants()).isNotEqualTo(c.instants());
  }

  @Test
  void plan_uniform_drawsNInstantsSpreadOverTheWholeWindow() {
    SplittableRandom random = new SplittableRandom(5);
    long window = Duration.between(START.plus(DELAY), END).toNanos();
    double sum = 0;
    int count = 0;
    for (int n = 0; n < 500; n++) {
      SamplingPlan plan = SamplingPlanner.plan(qos(20, Distribution.UNIFORM), START, END, random);
      assertThat(plan.rounds()).isEqualTo(20);
      for (Instant i : plan.instants()) {
        sum += (double) Duration.between(START.plus(DELAY), i).toNanos() / window;
        count++;
      }
    }
    assertThat(sum / count).isBetween(0.49, 0.51);
  }

  @Test
  void plan_poisson_hasMeanGapOfWindowOverNWithinTolerance() {
    SplittableRandom random = new SplittableRandom(9);
    long window = Duration.between(START.plus(DELAY), END).toNanos();
    int n = 50;
    double gapSum = 0;
    long gaps = 0;
    for (int k = 0; k < 2_000; k++) {
      SamplingPlan plan = SamplingPlanner.plan(qos(n, Distribution.POISSON), START, END, random);
      assertThat(plan.rounds()).isLessThanOrEqualTo(n);
      Instant previous = START.plus(DELAY);
      for (Instant i : plan.instants()) {
        gapSum += Duration.between(previous, i).toNanos();
        gaps++;
        previous = i;
      }
    }
    double expected = (double) window / n;
    // 2,000 plans × ~47 gaps: the sample mean is within ~1% of the rate's mean gap; dropping the
    // draws past the window biases kept gaps slightly low, hence the asymmetric band.
    assertThat(gapSum / gaps).isBetween(expected * 0.96, expected * 1.01);
  }

  @Test
  void plan_poisson_dropsInstantsPastTheWindow() {
    SplittableRandom random = new SplittableRandom(1);
    int fewer = 0;
    for (int k = 0; k < 200; k++) {
      if (SamplingPlanner.plan(qos(12, Distribution.POISSON), START, END, random).rounds() < 12) {
        fewer++;
      }
    }
    // P(N exponential gaps fit in the window) is ~0.46 for N = 12: both cases occur.
    assertThat(fewer).isBetween(60, 160);
  }

  @Test
  void plan_fixed_usesTheSlotMidpoints() {
    SamplingPlan plan =
        SamplingPlanner.plan(
            Distribution.FIXED, 4, START, START.plusSeconds(8), new SplittableRandom(0));

    assertThat(plan.instants())
        .containsExactly(
            START.plusSeconds(1), START.plusSeconds(3), START.plusSeconds(5), START.plusSeconds(7));
  }

  @Test
  void plan_windowEmptyAfterStartDelay_hasNoRounds() {
    SamplingPlan plan =
        SamplingPlanner.plan(
            qos(12, Distribution.STRATIFIED), START, START.plusSeconds(1), new SplittableRandom(0));

    assertThat(plan.instants()).isEmpty();
    assertThat(plan.window()).isEqualTo(Duration.ZERO);
  }

  @Test
  void plan_moreRoundsThanNanoseconds_stillStaysInsideTheWindow() {
    SamplingPlan plan =
        SamplingPlanner.plan(
            Distribution.STRATIFIED, 10, START, START.plusNanos(3), new SplittableRandom(0));

    assertThat(plan.instants())
        .hasSize(10)
        .allSatisfy(i -> assertThat(i).isAfterOrEqualTo(START).isBefore(START.plusNanos(3)));
  }

  @Test
  void plan_zeroRounds_isRejectedWithTheValue() {
    assertThatThrownBy(
            () ->
                SamplingPlanner.plan(Distribution.UNIFORM, 0, START, END, new SplittableRandom(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rounds: 0 (expected: >= 1)");
  }

  @Test
  void samplingPlan_instantOutsideTheWindow_isRejected() {
    assertThatThrownBy(() -> new SamplingPlan(START, END, List.of(END)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("instants: " + END + " (expected: in [" + START + ", " + END + "))");
  }

  @Test
  void spaced_movesCloseRoundsApartAndDropsThoseMovedPastTheEnd() {
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    SamplingPlan plan =
        new SamplingPlan(
            from,
            from.plusMillis(100),
            java.util.List.of(
                from,
                from.plusMillis(1),
                from.plusMillis(50),
                from.plusMillis(60),
                from.plusMillis(95)));

    SamplingPlan spaced = SamplingPlanner.spaced(plan, java.time.Duration.ofMillis(20));

    assertThat(spaced.instants())
        .containsExactly(
            from,
            from.plusMillis(20),
            from.plusMillis(50),
            from.plusMillis(70),
            from.plusMillis(95));
    assertThat(SamplingPlanner.spaced(spaced, java.time.Duration.ofMillis(20))).isSameAs(spaced);
    assertThat(SamplingPlanner.spaced(plan, java.time.Duration.ofMillis(40)).instants())
        .containsExactly(from, from.plusMillis(40), from.plusMillis(80));
  }

  @Test
  void maxRounds_isTheWindowOverTheSpacing() {
    assertThat(
            SamplingPlanner.maxRounds(
                java.time.Duration.ofMillis(500), java.time.Duration.ofMillis(10)))
        .isEqualTo(50);
    assertThat(
            SamplingPlanner.maxRounds(
                java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(10)))
        .isZero();
    assertThat(SamplingPlanner.maxRounds(java.time.Duration.ZERO, java.time.Duration.ofMillis(10)))
        .isZero();
    assertThat(SamplingPlanner.maxRounds(java.time.Duration.ofMillis(5), java.time.Duration.ZERO))
        .isEqualTo(Integer.MAX_VALUE);
  }
}
