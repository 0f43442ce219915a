package dev.fisherman.core.probe;

/**
 * A round's agreed head: the highest height that at least {@code agreedBy} servicers report at or
 * above.
 */
public record Head(long height, int agreedBy) {
  public Head {
    if (height < 0) {
      throw new IllegalArgumentException("height: " + height + " (expected: >= 0)");
    }
    if (agreedBy < 1) {
      throw new IllegalArgumentException("agreedBy: " + agreedBy + " (expected: >= 1)");
    }
  }
}
