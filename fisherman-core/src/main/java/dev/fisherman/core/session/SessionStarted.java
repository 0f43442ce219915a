package dev.fisherman.core.session;

import dev.fisherman.core.envelope.RelayEnvelope;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A session-start event: which servicers serve which service, and for how long. Sources produce
 * these; the engine plans and fires the session's rounds from them. The same {@code sessionId}
 * twice is one session.
 *
 * @param startHeight first block of the session, when the source knows heights
 * @param endHeight block at which the session ends, when the source knows heights
 * @param startsAt wall-clock start of the session window
 * @param endsAt wall-clock end of the session window (exclusive); after {@code startsAt}
 * @param envelope how the session's relays travel ({@link RelayEnvelope#DIRECT} unless its source
 *     speaks a relay protocol such as Shannon)
 */
public record SessionStarted(
    String sessionId,
    String service,
    OptionalLong startHeight,
    OptionalLong endHeight,
    Instant startsAt,
    Instant endsAt,
    List<SessionServicer> servicers,
    RelayEnvelope envelope) {

  public SessionStarted {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(startHeight, "startHeight");
    Objects.requireNonNull(endHeight, "endHeight");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(envelope, "envelope");
    servicers = List.copyOf(servicers);
    if (sessionId.isBlank()) {
      throw new IllegalArgumentException("session_id: \"\" (expected: a non-empty id)");
    }
    if (!endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException(
          "ends_at: " + endsAt + " (expected: after starts_at " + startsAt + ")");
    }
    if (servicers.isEmpty()) {
      throw new IllegalArgumentException("servicers: [] (expected: at least one servicer)");
    }
    Set<String> seen = new HashSet<>();
    for (SessionServicer s : servicers) {
      if (!seen.add(s.address())) {
        throw new IllegalArgumentException(
            "servicers: duplicate address \"" + s.address() + "\" (expected: unique addresses)");
      }
    }
  }

  /** A session whose relays travel as they are ({@link RelayEnvelope#DIRECT}). */
  public SessionStarted(
      String sessionId,
      String service,
      OptionalLong startHeight,
      OptionalLong endHeight,
      Instant startsAt,
      Instant endsAt,
      List<SessionServicer> servicers) {
    this(
        sessionId,
        service,
        startHeight,
        endHeight,
        startsAt,
        endsAt,
        servicers,
        RelayEnvelope.DIRECT);
  }
}
