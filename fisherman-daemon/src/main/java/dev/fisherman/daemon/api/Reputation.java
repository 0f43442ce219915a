package dev.fisherman.daemon.api;

import dev.fisherman.core.reputation.ServicerReputation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A servicer's standing across sessions: {@code score} 0–100, {@code state} one of {@code new},
 * {@code ok}, {@code timeout}, {@code probation}; {@code until} while in timeout; {@code probation}
 * while on probation; the reasons in words.
 */
public record Reputation(
    int score,
    String state,
    Optional<Instant> until,
    Optional<Reputation.Probation> probation,
    List<String> reasons) {
  public Reputation {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(probation, "probation");
    reasons = List.copyOf(reasons);
  }

  /** Consecutive ok probes since the timeout ended, of those needed. */
  public record Probation(int passed, int needed) {}

  /** The wire form of core's standing. */
  public static Reputation of(ServicerReputation r) {
    return new Reputation(
        r.score(),
        r.state().wireName(),
        r.until(),
        r.probation().map(p -> new Probation(p.passed(), p.needed())),
        r.reasons());
  }
}
