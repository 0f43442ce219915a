package dev.fisherman.core.store;

import dev.fisherman.core.sampling.SamplingPlan;
import dev.fisherman.core.session.SessionStarted;

/**
 * The session store as the engine sees it: readable like any store, and where sessions are opened.
 */
public interface WritableSessionStore extends SessionStore {

  /**
   * Opens the record of {@code session}, planned as {@code plan}; returns the existing one when the
   * session is already stored.
   */
  SessionWriter open(SessionStarted session, SamplingPlan plan);

  /** Whether a session with this id is retained. */
  boolean contains(String sessionId);

  /** Total weight held: servicer records plus one per ended session (active ones weigh nothing). */
  long weight();
}
