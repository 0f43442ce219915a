package dev.fisherman.core.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The draw on the running sums: odds without replacement, the walk after repeated hits. */
class SelectionTest {
  private static final int BAND = 0;

  private static Selection.Candidate c(String address, int score) {
    return new Selection.Candidate(address, score, BAND);
  }

  private static List<String> draw(List<Selection.Candidate> eligible, int n, long seed) {
    return Selection.draw(
            eligible, Selection.cumulative(eligible, BAND), n, new SplittableRandom(seed))
        .stream()
        .map(Selection.Candidate::address)
        .toList();
  }

  @Test
  void draw_twoOfThree_followsTheOddsOfDrawingOneAfterTheOther() {
    List<Selection.Candidate> eligible = List.of(c("a", 100), c("b", 80), c("c", 40));
    SplittableRandom random = new SplittableRandom(11);
    long[] sums = Selection.cumulative(eligible, BAND);
    Map<String, Integer> pairs = new HashMap<>();
    int draws = 20_000;
    for (int i = 0; i < draws; i++) {
      List<Selection.Candidate> got = Selection.draw(eligible, sums, 2, random);
      assertThat(got).doesNotHaveDuplicates().hasSize(2);
      pairs.merge(got.get(0).address() + got.get(1).address(), 1, Integer::sum);
    }
    double[] w = {100, 80, 40};
    String names = "abc";
    // Tolerance 0.015: over four standard deviations of a frequency near 0.3 over 20,000 draws.
    for (int x = 0; x < 3; x++) {
      for (int y = 0; y < 3; y++) {
        if (x != y) {
          double p = w[x] / 220 * (w[y] / (220 - w[x]));
          String pair = "" + names.charAt(x) + names.charAt(y);
          assertThat(pairs.getOrDefault(pair, 0) / (double) draws)
              .as(pair)
              .isCloseTo(p, within(0.015));
        }
      }
    }
  }

  @Test
  void draw_oneServicerHoldingAlmostAllTheWeight_theRestAreDrawnByWalking() {
    List<Selection.Candidate> eligible =
        List.of(c("heavy", 1_000_000), c("x", 1), c("y", 1), c("z", 1));
    Map<String, Integer> second = new HashMap<>();
    int draws = 6_000;
    for (int i = 0; i < draws; i++) {
      List<String> got = draw(eligible, 3, i);
      assertThat(got).doesNotHaveDuplicates().hasSize(3);
      if (got.get(0).equals("heavy")) {
        second.merge(got.get(1), 1, Integer::sum);
      }
    }
    // After heavy, x, y and z weigh the same: each a third of the second draws.
    int total = second.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(total).isGreaterThan(draws * 99 / 100);
    for (String s : List.of("x", "y", "z")) {
      assertThat(second.get(s) / (double) total).as(s).isCloseTo(1 / 3.0, within(0.03));
    }
  }

  @Test
  void draw_moreThanThereAre_drawsEachOnce_andNoneFromAnEmptyPool() {
    List<Selection.Candidate> eligible = List.of(c("a", 5), c("b", 1), c("c", 90));
    assertThat(draw(eligible, 10, 1)).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(draw(List.of(), 3, 1)).isEmpty();
    assertThat(draw(List.of(c("only", 1)), 1, 1)).containsExactly("only");
  }
}
