package dev.fisherman.core.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Objects;

/**
 * Hands out one shared instance for equal values, so that what recurs in every session (a
 * servicer's address and URL) is held once by the store instead of once per record. Bounded: it
 * remembers at most {@code maxValues} values, keeping the ones that recur most; a value it no
 * longer remembers is simply not shared, never wrong. Thread-safe.
 */
final class Interner<T> {
  private final int maxValues;
  private final Cache<T, T> values;

  Interner(int maxValues) {
    if (maxValues < 1) {
      throw new IllegalArgumentException("maxValues: " + maxValues + " (expected: >= 1)");
    }
    this.maxValues = maxValues;
    // Maintenance on the calling thread: the bound holds as soon as intern returns.
    this.values = Caffeine.newBuilder().maximumSize(maxValues).executor(Runnable::run).build();
  }

  /** The shared instance equal to {@code value}; {@code value} itself the first time. */
  T intern(T value) {
    Objects.requireNonNull(value, "value");
    return values.get(value, v -> v);
  }

  /** How many values it remembers now. */
  long size() {
    values.cleanUp();
    return values.estimatedSize();
  }

  /** The most values it remembers. */
  int maxValues() {
    return maxValues;
  }
}
