package dev.fisherman.daemon.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.fisherman.core.store.ExcludedRounds;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One entry of {@code GET /v1/sessions}; also the answer to a known {@code POST /v1/sessions}. */
public record SessionSummary(
    String sessionId,
    String service,
    Instant startedAt,
    Instant endsAt,
    String state,
    int roundsPlanned,
    int roundsDone,
    int servicers,
    Optional<Head> head,
    RoundsExcluded roundsExcluded) {
  @JsonCreator
  public SessionSummary {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(roundsExcluded, "roundsExcluded");
  }

  /** A summary without head and excluded rounds. */
  public SessionSummary(
      String sessionId,
      String service,
      Instant startedAt,
      Instant endsAt,
      String state,
      int roundsPlanned,
      int roundsDone,
      int servicers) {
    this(
        sessionId,
        service,
        startedAt,
        endsAt,
        state,
        roundsPlanned,
        roundsDone,
        servicers,
        Optional.empty(),
        RoundsExcluded.NONE);
  }

  /** The latest agreed head: {@code {"height": H, "agreed_by": N}}. */
  public record Head(long height, int agreedBy) {
    static Optional<Head> of(Optional<dev.fisherman.core.probe.Head> h) {
      return h.map(x -> new Head(x.height(), x.agreedBy()));
    }
  }

  /** Rounds excluded because the fisherman was at fault, by reason. */
  public record RoundsExcluded(long total, long fishermanNetwork, long fishermanStalled) {
    /** None. */
    public static final RoundsExcluded NONE = new RoundsExcluded(0, 0, 0);

    static RoundsExcluded of(ExcludedRounds e) {
      return new RoundsExcluded(e.total(), e.fishermanNetwork(), e.fishermanStalled());
    }
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
        s.servicers(),
        Head.of(s.head()),
        RoundsExcluded.of(s.roundsExcluded()));
  }
}
