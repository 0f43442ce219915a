package dev.fisherman.core;

/** What the engine did with a session-start event. */
public enum Admission {
  /** A new session: its rounds are planned and scheduled. */
  ACCEPTED,
  /** A session with this id is already known; nothing changed. */
  DUPLICATE
}
