package dev.fisherman.daemon.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.fisherman.core.reputation.ServicerReputation;
import dev.fisherman.core.store.ServicerDetail;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /v1/servicers/{address}}: that servicer's reputation across sessions ({@code null}
 * when it is not remembered) and the servicer in every retained session.
 */
public record ServicerSessions(
    String address, Optional<Reputation> reputation, List<ServicerSessions.Entry> sessions) {
  public ServicerSessions {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(reputation, "reputation");
    sessions = List.copyOf(sessions);
  }

  /** The servicer in one session: the session, then its QoS there. */
  public record Entry(
      String sessionId,
      String service,
      String state,
      Instant startedAt,
      Instant endsAt,
      @JsonUnwrapped QosFigures qos) {
    public Entry {
      Objects.requireNonNull(sessionId, "sessionId");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(endsAt, "endsAt");
      Objects.requireNonNull(qos, "qos");
    }
  }

  /**
   * The wire form of {@code address}: its reputation, and it in the sessions of {@code details}.
   */
  public static ServicerSessions of(
      String address, Optional<ServicerReputation> reputation, List<ServicerDetail> details) {
    return new ServicerSessions(
        address,
        reputation.map(Reputation::of),
        details.stream()
            .map(
                d ->
                    new Entry(
                        d.session().sessionId(),
                        d.session().service(),
                        d.session().state().wireName(),
                        d.session().startsAt(),
                        d.session().endsAt(),
                        QosFigures.of(d.qos())))
            .toList());
  }
}
