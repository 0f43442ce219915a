package dev.fisherman.core.reputation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One servicer's standing across sessions at one instant.
 *
 * @param address the servicer's address
 * @param score 0–100 from decayed availability and latency, minus check penalties
 * @param state where it stands
 * @param until when its timeout ends, while in {@link ReputationState#TIMEOUT}
 * @param cause why it was last put in timeout, while in timeout or on probation
 * @param probation its progress, while on {@link ReputationState#PROBATION}
 * @param latencyBand the latency band its decayed mean ok latency falls in, counted from 0; empty
 *     before any ok probe
 * @param reasons the score and state in words, one fact each
 */
public record ServicerReputation(
    String address,
    int score,
    ReputationState state,
    Optional<Instant> until,
    Optional<TimeoutCause> cause,
    Optional<Probation> probation,
    Optional<Integer> latencyBand,
    List<String> reasons) {

  public ServicerReputation {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(probation, "probation");
    Objects.requireNonNull(latencyBand, "latencyBand");
    reasons = List.copyOf(reasons);
    if (score < 0 || score > 100) {
      throw new IllegalArgumentException("score: " + score + " (expected: from 0 to 100)");
    }
    if (until.isPresent() != (state == ReputationState.TIMEOUT)) {
      throw new IllegalArgumentException(
          "until: " + until + " (expected: present exactly in timeout, state " + state + ")");
    }
    if (probation.isPresent() != (state == ReputationState.PROBATION)) {
      throw new IllegalArgumentException(
          "probation: " + probation + " (expected: present exactly on probation)");
    }
  }

  /** Consecutive ok probes taken since the timeout ended, of those needed. */
  public record Probation(int passed, int needed) {
    public Probation {
      if (needed < 1 || passed < 0 || passed >= needed) {
        throw new IllegalArgumentException(
            "probation: " + passed + "/" + needed + " (expected: 0 <= passed < needed)");
      }
    }
  }
}
