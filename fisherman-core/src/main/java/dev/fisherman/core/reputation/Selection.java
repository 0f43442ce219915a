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

  /**
   * Draws in a row that hit a servicer already drawn before the draw walks the weights instead: the
   * ones drawn then hold most of the weight.
   */
  static final int MAX_REDRAWS = 16;

  private Selection() {}

  /** A servicer in state ok: its score and latency band ({@code MAX_VALUE} when none). */
  record Candidate(String address, int score, int band) {}

  static long weight(Candidate c, int bestBand) {
    return (long) c.score() * (c.band() == bestBand ? BEST_BAND_FACTOR : 1);
  }

  /**
   * The running sums of the weights of {@code eligible}: {@code [i]} is the sum up to {@code i}.
   */
  static long[] cumulative(List<Candidate> eligible, int bestBand) {
    long[] sums = new long[eligible.size()];
    long sum = 0;
    for (int i = 0; i < sums.length; i++) {
      sum += weight(eligible.get(i), bestBand);
      sums[i] = sum;
    }
    return sums;
  }

  /**
   * Up to {@code n} distinct candidates, each drawn with probability proportional to its weight
   * among those not drawn yet. A draw is a binary search of {@code cumulative}, drawn again when it
   * hits a candidate already drawn (which leaves each draw's odds those among the rest); after
   * {@link #MAX_REDRAWS} such hits in a row the rest are drawn by walking the remaining weights.
   */
  static List<Candidate> draw(
      List<Candidate> eligible, long[] cumulative, int n, RandomGenerator random) {
    int size = eligible.size();
    long total = size == 0 ? 0 : cumulative[size - 1];
    List<Candidate> out = new ArrayList<>(Math.min(n, size));
    int[] drawn = new int[Math.min(n, size)];
    long drawnWeight = 0;
    int redraws = 0;
    while (out.size() < n && drawnWeight < total) {
      long pick;
      synchronized (random) {
        pick = random.nextLong(total);
      }
      int i = indexOf(cumulative, pick);
      if (contains(drawn, out.size(), i)) {
        if (++redraws > MAX_REDRAWS) {
          walk(eligible, cumulative, drawn, out, n, random);
          return out;
        }
        continue;
      }
      redraws = 0;
      drawn[out.size()] = i;
      out.add(eligible.get(i));
      drawnWeight += weightAt(cumulative, i);
    }
    return out;
  }

  /** The first index whose running sum is above {@code pick}. */
  private static int indexOf(long[] cumulative, long pick) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > pick) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private static long weightAt(long[] cumulative, int i) {
    return cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
  }

  private static boolean contains(int[] drawn, int count, int i) {
    for (int k = 0; k < count; k++) {
      if (drawn[k] == i) {
        return true;
      }
    }
    return false;
  }

  /** The rest of the draws by walking the weights of the candidates not drawn yet. */
  private static void walk(
      List<Candidate> eligible,
      long[] cumulative,
      int[] drawn,
      List<Candidate> out,
      int n,
      RandomGenerator random) {
    int size = eligible.size();
    long[] weights = new long[size];
    long total = 0;
    for (int i = 0; i < size; i++) {
      weights[i] = weightAt(cumulative, i);
    }
    for (int k = 0; k < out.size(); k++) {
      weights[drawn[k]] = 0;
    }
    for (long w : weights) {
      total += w;
    }
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
  }
}
