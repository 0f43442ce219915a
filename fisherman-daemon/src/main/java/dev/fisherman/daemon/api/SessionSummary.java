package dev.fisherman.daemon.api;

import java.time.Instant;
import java.util.Objects;

/** One entry of {@code GET /v1/sessions}; also the answer to a known {@code POST /v1/sessions}. */
public record SessionSummary(
    String sessionId,
    String service,
    Instant startedAt,
    Instant endsAt,
    String state,
    int roundsPlanned,
    int roundsDone,
    int servicers) {
  public SessionSummary {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(state, "state");
  }

  /** The wire form of a stored session's summary. */
  public static SessionSummary of(dev.fisherman.core.store.SessionSummary s) {
    return new SessionSummary(
        s.sessionId(),
        s.service(),
        s.startsAt(),
        s.endsAt(),
        s.state().wireName(),
        s.roundsPlanned(),
        s.roundsDone(),
        s.servicers());
  }
}
