package dev.fisherman.core.store;

import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.RoundResult;

/** The write side of one stored session: only the engine writes here. Thread-safe. */
public interface SessionWriter {

  /** Records the outcome of one probe of servicer number {@code servicer} (session order). */
  void record(int servicer, Observation observation);

  /**
   * Records what the judges found in {@code round}: its head, its exclusion, each servicer's
   * findings (in session order). Called after the round's observations are recorded.
   */
  void judged(RoundResult round);

  /** Counts a round as fired. */
  void roundFired();

  /** Counts {@code rounds} unfired rounds as cancelled for every servicer. */
  void cancelRounds(int rounds);

  /** Marks the session ended: no further rounds will fire. */
  void end();
}
