package dev.fisherman.core.store;

import dev.fisherman.core.probe.Head;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line about a session: what it is, how far its rounds have got, its latest agreed head and the
 * rounds excluded because the fisherman was at fault.
 */
public record SessionSummary(
    String sessionId,
    String service,
    Instant startsAt,
    Instant endsAt,
    SessionState state,
    int roundsPlanned,
    int roundsDone,
    int servicers,
    Optional<Head> head,
    ExcludedRounds roundsExcluded) {
  public SessionSummary {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(roundsExcluded, "roundsExcluded");
  }

  /** A summary with no head and no excluded round. */
  public SessionSummary(
      String sessionId,
      String service,
      Instant startsAt,
      Instant endsAt,
      SessionState state,
      int roundsPlanned,
      int roundsDone,
      int servicers) {
    this(
        sessionId,
        service,
        startsAt,
        endsAt,
        state,
        roundsPlanned,
        roundsDone,
        servicers,
        Optional.empty(),
        ExcludedRounds.NONE);
  }
}
