package dev.fisherman.daemon.api;

import dev.fisherman.core.reputation.ServicerReputation;
import java.util.Objects;

/**
 * A servicer's reputation in brief, where a view lists many servicers: {@code state} one of {@code
 * new}, {@code ok}, {@code timeout}, {@code probation}, and {@code score} 0–100 ({@link Reputation}
 * has the rest).
 */
public record Standing(String state, int score) {
  public Standing {
    Objects.requireNonNull(state, "state");
    if (score < 0 || score > 100) {
      throw new IllegalArgumentException("score: " + score + " (expected: from 0 to 100)");
    }
  }

  /** The brief wire form of core's standing. */
  public static Standing of(ServicerReputation r) {
    return new Standing(r.state().wireName(), r.score());
  }
}
