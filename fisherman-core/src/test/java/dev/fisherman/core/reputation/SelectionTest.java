package dev.fisherman.core.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SelectionTest {
  private static final int NO_BAND = Integer.MAX_VALUE;

  private static List<Selection.Candidate> candidates(int... scores) {
    return IntStream.range(0, scores.length)
        .mapToObj(i -> new Selection.Candidate("s" + i, scores[i], NO_BAND - 1))
        .toList();
  }

  private static Map<String, Integer> counts(
      List<Selection.Candidate> eligible, int n, int draws, long seed) {
    long[] cumulative = Selection.cumulative(eligible, NO_BAND);
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, Integer> counts = new HashMap<>();
    for (int d = 0; d < draws; d++) {
      List<Selection.Candidate> drawn = Selection.draw(eligible, cumulative, n, random);
      assertThat(drawn).hasSize(Math.min(n, eligible.size())).doesNotHaveDuplicates();
      drawn.forEach(c -> counts.merge(c.address(), 1, Integer::sum));
    }
    return counts;
  }

  @Test
  void draw_wholePool_returnsEveryCandidateOnce() {
    List<Selection.Candidate> eligible = candidates(90, 1, 1, 1, 50);
    for (int n : new int[] {5, 6, 100}) {
      Map<String, Integer> counts = counts(eligible, n, 200, n);
      assertThat(counts).hasSize(5).allSatisfy((address, c) -> assertThat(c).isEqualTo(200));
    }
  }

  @Test
  void draw_withoutReplacement_followsTheWeightsAmongTheRest() {
    // Weights 100, 1, 1, 1, n = 2: the heavy one is missing only when both draws are light,
    // 3/103 * 2/102; each light one is then in a pair with probability (2 - P(heavy)) / 3.
    int draws = 20_000;
    Map<String, Integer> counts = counts(candidates(100, 1, 1, 1), 2, draws, 7);
    double heavy = 1 - (3.0 / 103) * (2.0 / 102);
    assertThat(counts.get("s0") / (double) draws).isCloseTo(heavy, within(0.002));
    for (String light : List.of("s1", "s2", "s3")) {
      // About four standard deviations of a frequency near 1/3 over 20,000 draws.
      assertThat(counts.get(light) / (double) draws).isCloseTo((2 - heavy) / 3, within(0.014));
    }
  }

  @Test
  void draw_fewOfMany_isUniformForEqualScores() {
    int draws = 20_000;
    int[] scores = new int[50];
    java.util.Arrays.fill(scores, 70);
    Map<String, Integer> counts = counts(candidates(scores), 5, draws, 11);
    assertThat(counts).hasSize(50);
    // Each is in 5 of 50 (0.1) of the draws; 0.01 is about four standard deviations.
    counts.values().forEach(c -> assertThat(c / (double) draws).isCloseTo(0.1, within(0.01)));
  }

  @Test
  void draw_emptyPoolOrZeroWeights_drawsNothing() {
    assertThat(Selection.draw(List.of(), new long[0], 3, new SplittableRandom(1))).isEmpty();
    List<Selection.Candidate> zero = candidates(0, 0);
    assertThat(
            Selection.draw(zero, Selection.cumulative(zero, NO_BAND), 1, new SplittableRandom(1)))
        .isEmpty();
  }
}
