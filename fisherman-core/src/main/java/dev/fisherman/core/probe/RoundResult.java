package dev.fisherman.core.probe;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One round of one session as a unit: every servicer's observation of the same request sent at the
 * same instant, in session order. A round is complete (every probe decided) before it is judged and
 * recorded, so checks can compare the servicers' answers with each other.
 *
 * @param sessionId the session
 * @param service the service the session samples
 * @param round index of the round inside the session, from 0
 * @param intendedAt the planned send instant
 * @param observations one per servicer, in session order
 */
public record RoundResult(
    String sessionId,
    String service,
    int round,
    Instant intendedAt,
    List<Observation> observations) {

  public RoundResult {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(intendedAt, "intendedAt");
    observations = List.copyOf(observations);
    if (round < 0) {
      throw new IllegalArgumentException("round: " + round + " (expected: >= 0)");
    }
  }

  /**
   * First send to last send of the probes that were sent (a probe cancelled before it started was
   * not); empty when none was.
   */
  public OptionalLong fanOutSkewNanos() {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Observation o : observations) {
      if (o.outcome() != Outcome.CANCELLED || o.totalNanos() > 0) {
        // Every probe of the round shares the intended instant: lateness orders the sends.
        first = Math.min(first, o.latenessNanos());
        last = Math.max(last, o.latenessNanos());
      }
    }
    return last >= first ? OptionalLong.of(last - first) : OptionalLong.empty();
  }
}
