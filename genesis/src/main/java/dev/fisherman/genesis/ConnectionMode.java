package dev.fisherman.genesis;

import java.util.Locale;
import java.util.Optional;

/** Whether probes to one servicer share a kept-alive connection or open a fresh one each. */
public enum ConnectionMode {
  /** Keep one connection per servicer alive and reuse it (default). */
  REUSE,
  /** Open a new connection for every probe; the connect time is then part of every probe. */
  FRESH;

  /** The name used in genesis files, e.g. {@code reuse}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode with this genesis name, if there is one. */
  public static Optional<ConnectionMode> fromWireName(String name) {
    for (ConnectionMode m : values()) {
      if (m.wireName().equals(name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
