package dev.fisherman.genesis;

import java.util.Locale;
import java.util.Optional;

/** How the probe instants of a session are spread over its window. */
public enum Distribution {
  /** One random instant inside each of N equal slots: even coverage, unpredictable (default). */
  STRATIFIED,
  /** N instants drawn uniformly over the window. */
  UNIFORM,
  /** Exponential gaps at rate N / window (a Poisson process). */
  POISSON,
  /** Evenly spaced instants: allowed, but predictable to a servicer. */
  FIXED;

  /** The name used in genesis files, e.g. {@code stratified}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The distribution with this genesis name, if there is one. */
  public static Optional<Distribution> fromWireName(String name) {
    for (Distribution d : values()) {
      if (d.wireName().equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
