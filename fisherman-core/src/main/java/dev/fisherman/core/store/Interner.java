package dev.fisherman.core.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Objects;
import java.util.function.Function;

/**
 * Hands out one shared instance for values with the same key, so that what recurs in every session
 * (a servicer's address and URL) is held once by the store instead of once per record. Bounded: it
 * remembers at most {@code maxValues} values, keeping the ones that recur most; a value it no
 * longer remembers is simply not shared, never wrong. Thread-safe.
 */
final class Interner<T> {
  private final int maxValues;
  private final Function<? super T, ?> key;
  private final Cache<Object, T> values;

  /** Values are shared when equal. */
  Interner(int maxValues) {
    this(maxValues, Function.identity());
  }

  /**
   * Values are shared when their {@code key} is equal: for a {@link java.net.URI}, its string, as
   * {@code URI.equals} takes {@code HTTP://Host} and {@code http://host} for the same URL.
   */
  Interner(int maxValues, Function<? super T, ?> key) {
    if (maxValues < 1) {
      throw new IllegalArgumentException("maxValues: " + maxValues + " (expected: >= 1)");
    }
    this.maxValues = maxValues;
    this.key = Objects.requireNonNull(key, "key");
    // Maintenance on the calling thread: the bound holds as soon as intern returns.
    this.values = Caffeine.newBuilder().maximumSize(maxValues).executor(Runnable::run).build();
  }

  /** The shared instance with the key of {@code value}; {@code value} itself the first time. */
  T intern(T value) {
    Objects.requireNonNull(value, "value");
    return values.get(key.apply(value), k -> value);
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
