package dev.fisherman.core.store;

import java.util.Locale;

/** Whether a session's rounds are still running. */
public enum SessionState {
  ACTIVE,
  ENDED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
