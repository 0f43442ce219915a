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

  /** Running sums of the candidates' weights: entry i is the sum of the weights of 0..i. */
  static long[] cumulative(List<Candidate> eligible, int bestBand) {
    long[] sums = new long[eligible.size()];
    long total = 0;
    for (int i = 0; i < sums.length; i++) {
      total += weight(eligible.get(i), bestBand);
      sums[i] = total;
    }
    return sums;
  }

  /**
   * Draws {@code n} distinct candidates, each draw weighted among those not drawn yet. Draws from
   * the whole pool by binary search over {@code cumulative} and draws again when it hits one
   * already drawn, which gives exactly the weights among the rest; when that keeps hitting drawn
   * ones (n near the pool's size, or a few heavy servicers), it finishes with a pass over the rest.
   * The common case, a few servicers out of many, allocates nothing per candidate.
   */
  static List<Candidate> draw(
      List<Candidate> eligible, long[] cumulative, int n, RandomGenerator random) {
    int size = eligible.size();
    long total = size == 0 ? 0 : cumulative[size - 1];
    List<Candidate> out = new ArrayList<>(Math.min(n, size));
    if (total <= 0) {
      return out;
    }
    int want = Math.min(n, size);
    int[] drawn = new int[want];
    int count = 0;
    int misses = 0;
    while (count < want && misses <= 4 * want + 16) {
      long pick;
      synchronized (random) {
        pick = random.nextLong(total);
      }
      int i = find(cumulative, pick);
      if (contains(drawn, count, i)) {
        misses++;
        continue;
      }
      drawn[count++] = i;
      out.add(eligible.get(i));
    }
    if (count < want) {
      finish(eligible, cumulative, drawn, count, want, random, out);
    }
    return out;
  }

  /** The first index whose running sum exceeds {@code pick}. */
  private static int find(long[] cumulative, long pick) {
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

  private static boolean contains(int[] drawn, int count, int i) {
    for (int k = 0; k < count; k++) {
      if (drawn[k] == i) {
        return true;
      }
    }
    return false;
  }

  /** The rest of the draws by a pass over the weights of the candidates not drawn yet. */
  private static void finish(
      List<Candidate> eligible,
      long[] cumulative,
      int[] drawn,
      int count,
      int want,
      RandomGenerator random,
      List<Candidate> out) {
    long[] weights = new long[cumulative.length];
    long total = 0;
    for (int i = 0; i < weights.length; i++) {
      weights[i] = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
    }
    for (int k = 0; k < count; k++) {
      weights[drawn[k]] = 0;
    }
    for (long w : weights) {
      total += w;
    }
    while (count < want && total > 0) {
      long pick;
      synchronized (random) {
        pick = random.nextLong(total);
      }
      int i = 0;
      while (pick >= weights[i]) {
        pick -= weights[i];
        i++;
      }
      drawn[count++] = i;
      out.add(eligible.get(i));
      total -= weights[i];
      weights[i] = 0;
    }
  }
}
