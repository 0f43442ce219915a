package dev.fisherman.core.qos;

/** A closed interval {@code [low, high]}, e.g. a 95% confidence interval of a proportion. */
public record Interval(double low, double high) {
  /** The standard normal quantile for a two-sided 95% interval. */
  private static final double Z95 = 1.959963984540054;

  public Interval {
    if (!(low <= high)) {
      throw new IllegalArgumentException(
          "interval: [" + low + ", " + high + "] (expected: low <= high)");
    }
  }

  /**
   * The Wilson score 95% interval of a proportion of {@code successes} in {@code trials}: unlike
   * the normal approximation it stays inside [0, 1] and is meaningful for a handful of samples.
   *
   * @throws IllegalArgumentException unless {@code 0 <= successes <= trials} and {@code trials > 0}
   */
  public static Interval wilson95(long successes, long trials) {
    if (trials < 1) {
      throw new IllegalArgumentException("trials: " + trials + " (expected: >= 1)");
    }
    if (successes < 0 || successes > trials) {
      throw new IllegalArgumentException(
          "successes: " + successes + " (expected: in [0, " + trials + "])");
    }
    double n = trials;
    double p = successes / n;
    double z2 = Z95 * Z95;
    double denominator = 1 + z2 / n;
    double center = (p + z2 / (2 * n)) / denominator;
    double half = Z95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    double low = successes == 0 ? 0.0 : Math.max(0.0, center - half);
    double high = successes == trials ? 1.0 : Math.min(1.0, center + half);
    return new Interval(low, high);
  }
}
