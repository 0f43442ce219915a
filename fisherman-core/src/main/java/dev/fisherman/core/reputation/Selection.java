package dev.fisherman.core.reputation;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The selection policy: weights are scores, the best latency band among the eligible weighs {@link
 * #BEST_BAND_FACTOR} times, and {@code n} distinct servicers are drawn without replacement.
 */
final class Selection {
  /** How much more a servicer in the best latency band weighs. */
  static final int BEST_BAND_FACTOR = 2;

  private Selection() {}

  /** A servicer in state ok: its score and latency band ({@code MAX_VALUE} when none). */
  record Candidate(String address, int score, int band) {}

  static long weight(Candidate c, int bestBand) {
    return (long) c.score() * (c.band() == bestBand ? BEST_BAND_FACTOR : 1);
  }

  static List<Candidate> draw(
      List<Candidate> eligible, int bestBand, int n, RandomGenerator random) {
    int size = eligible.size();
    long[] weights = new long[size];
    long total = 0;
    for (int i = 0; i < size; i++) {
      weights[i] = weight(eligible.get(i), bestBand);
      total += weights[i];
    }
    List<Candidate> out = new ArrayList<>(Math.min(n, size));
    while (out.size() < n && total > 0) {
      long pick;
      synchronized (random) {
        pick = random.nextLong(total);
      }
      int i = 0;
      while (pick >= weights[i]) {
        pick -= weights[i];
        i++;
      }
      out.add(eligible.get(i));
      total -= weights[i];
      weights[i] = 0;
    }
    return out;
  }
}
