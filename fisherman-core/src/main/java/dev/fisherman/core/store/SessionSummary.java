package dev.fisherman.core.store;

import java.time.Instant;
import java.util.Objects;

/** One line about a session: what it is and how far its rounds have got. */
public record SessionSummary(
    String sessionId,
    String service,
    Instant startsAt,
    Instant endsAt,
    SessionState state,
    int roundsPlanned,
    int roundsDone,
    int servicers) {
  public SessionSummary {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(state, "state");
  }
}
