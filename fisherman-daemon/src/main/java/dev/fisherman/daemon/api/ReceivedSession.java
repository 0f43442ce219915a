package dev.fisherman.daemon.api;

import dev.fisherman.core.session.SessionStarted;
import java.time.Instant;
import java.util.Objects;

/**
 * A session event as {@code POST /v1/sessions} read it, for when the store no longer (or not yet)
 * holds the session.
 */
public record ReceivedSession(
    String sessionId, String service, Instant startedAt, Instant endsAt, int servicers) {
  public ReceivedSession {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endsAt, "endsAt");
  }

  /** The wire form of {@code s}. */
  public static ReceivedSession of(SessionStarted s) {
    return new ReceivedSession(
        s.sessionId(), s.service(), s.startsAt(), s.endsAt(), s.servicers().size());
  }
}
