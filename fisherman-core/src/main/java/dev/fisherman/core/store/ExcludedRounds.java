package dev.fisherman.core.store;

/** Rounds of a session excluded because the fisherman was at fault, by reason. */
public record ExcludedRounds(long fishermanNetwork, long fishermanStalled) {
  /** None excluded. */
  public static final ExcludedRounds NONE = new ExcludedRounds(0, 0);

  public ExcludedRounds {
    if (fishermanNetwork < 0 || fishermanStalled < 0) {
      throw new IllegalArgumentException(
          "excluded rounds: " + fishermanNetwork + ", " + fishermanStalled + " (expected: >= 0)");
    }
  }

  /** Every excluded round. */
  public long total() {
    return fishermanNetwork + fishermanStalled;
  }
}
