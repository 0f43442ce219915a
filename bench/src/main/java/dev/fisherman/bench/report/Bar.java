package dev.fisherman.bench.report;

import java.util.Objects;

/**
 * A quality bar from DESIGN.md: a figure must stay at or below (or at or above) a threshold.
 *
 * @param text the bar as the table shows it, e.g. {@code <= 1 ms}
 */
public record Bar(boolean atMost, double threshold, String text) {
  public Bar {
    Objects.requireNonNull(text, "text");
  }

  public static Bar atMost(double threshold, String text) {
    return new Bar(true, threshold, text);
  }

  public static Bar atLeast(double threshold, String text) {
    return new Bar(false, threshold, text);
  }

  public boolean met(double value) {
    return atMost ? value <= threshold : value >= threshold;
  }
}
