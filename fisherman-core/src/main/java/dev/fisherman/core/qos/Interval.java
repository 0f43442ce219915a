package dev.fisherman.core.qos;

/** A closed interval {@code [low, high]}, e.g. a 95% confidence interval of a proportion. */
public record Interval(double low, double high) {
  public Interval {
    if (!(low <= high)) {
      throw new IllegalArgumentException(
          "interval: [" + low + ", " + high + "] (expected: low <= high)");
    }
  }
}
