package dev.fisherman.core.probe;

import java.util.Locale;

/** What a round asks every servicer; every kind looks like ordinary traffic to them. */
public enum RoundKind {
  /** The service's sampling request (its height, for a kind that reads one). */
  SAMPLE,
  /** The block identifier at one height below the head, the same for every servicer. */
  INTEGRITY,
  /** The chain id, once per session when the service names one. */
  CHAIN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
