package dev.fisherman.daemon.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Objects;

/** {@code GET /v1/sessions/{id}/servicers/{address}}: the QoS, the session, the last probes. */
public record ServicerDetail(
    String address,
    @JsonUnwrapped QosFigures qos,
    String sessionId,
    String service,
    String state,
    List<Observation> lastObservations) {
  public ServicerDetail {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(state, "state");
    lastObservations = List.copyOf(lastObservations);
  }

  /** The wire form of one servicer in one session, newest observation last. */
  public static ServicerDetail of(dev.fisherman.core.store.ServicerDetail d) {
    return new ServicerDetail(
        d.qos().address(),
        QosFigures.of(d.qos()),
        d.session().sessionId(),
        d.session().service(),
        d.session().state().wireName(),
        d.lastObservations().stream().map(Observation::of).toList());
  }
}
