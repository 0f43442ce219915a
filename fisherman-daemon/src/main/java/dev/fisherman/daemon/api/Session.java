package dev.fisherman.daemon.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.fisherman.core.store.SessionReport;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code GET /v1/sessions/{id}}: the summary with every servicer's QoS in place of the count. */
public record Session(
    String sessionId,
    String service,
    Instant startedAt,
    Instant endsAt,
    String state,
    int roundsPlanned,
    int roundsDone,
    Optional<SessionSummary.Head> head,
    SessionSummary.RoundsExcluded roundsExcluded,
    List<ServicerQos> servicers) {
  @JsonCreator
  public Session {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(roundsExcluded, "roundsExcluded");
    servicers = List.copyOf(servicers);
  }

  /** A session without head and excluded rounds. */
  public Session(
      String sessionId,
      String service,
      Instant startedAt,
      Instant endsAt,
      String state,
      int roundsPlanned,
      int roundsDone,
      List<ServicerQos> servicers) {
    this(
        sessionId,
        service,
        startedAt,
        endsAt,
        state,
        roundsPlanned,
        roundsDone,
        Optional.empty(),
        SessionSummary.RoundsExcluded.NONE,
        servicers);
  }

  /** The wire form of a stored session. */
  public static Session of(SessionReport r) {
    var s = r.summary();
    return new Session(
        s.sessionId(),
        s.service(),
        s.startsAt(),
        s.endsAt(),
        s.state().wireName(),
        s.roundsPlanned(),
        s.roundsDone(),
        SessionSummary.Head.of(s.head()),
        SessionSummary.RoundsExcluded.of(s.roundsExcluded()),
        r.servicers().stream().map(ServicerQos::of).toList());
  }

  /** Whether every servicer has an availability verdict already. */
  public boolean judged() {
    return !servicers.isEmpty()
        && servicers.stream().noneMatch(q -> q.qos().verdicts().available().equals("unknown"));
  }
}
