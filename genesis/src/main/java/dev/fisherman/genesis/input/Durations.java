package dev.fisherman.genesis.input;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human durations as genesis files and the API write them: a non-negative number and a unit, {@code
 * us}, {@code ms}, {@code s}, {@code m} or {@code h}, e.g. {@code 250ms}, {@code 1.5s}, {@code 5m}.
 */
public final class Durations {
  /** What a bad duration is told it should look like. */
  public static final String EXPECTED = "a duration such as 500ms or 2s";

  private static final Pattern FORMAT = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,9})?)(us|ms|s|m|h)");

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException if it is not a duration in the format above
   */
  public static Duration parse(String text) {
    Objects.requireNonNull(text, "text");
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(JsonReader.quote(text) + " (expected: " + EXPECTED + ")");
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    long nanosPerUnit =
        switch (m.group(2)) {
          case "us" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        };
    BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPerUnit));
    try {
      return Duration.ofNanos(nanos.longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          JsonReader.quote(text)
              + " (expected: "
              + EXPECTED
              + ", whole nanoseconds, under 292 years)");
    }
  }

  /** Formats {@code d} in the largest unit that keeps it whole: {@code 2s}, {@code 1500ms}. */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos != 0 && nanos % 3_600_000_000_000L == 0) {
      return nanos / 3_600_000_000_000L + "h";
    }
    if (nanos != 0 && nanos % 60_000_000_000L == 0) {
      return nanos / 60_000_000_000L + "m";
    }
    if (nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    if (nanos % 1_000L == 0) {
      return nanos / 1_000L + "us";
    }
    return BigDecimal.valueOf(nanos, 3).stripTrailingZeros().toPlainString() + "us";
  }
}
