package dev.fisherman.core.store;

import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.qos.ServicerQos;
import java.util.List;
import java.util.Objects;

/** One servicer in one session: its QoS and its most recent observations, newest last. */
public record ServicerDetail(
    SessionSummary session, ServicerQos qos, List<Observation> lastObservations) {
  public ServicerDetail {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(qos, "qos");
    lastObservations = List.copyOf(lastObservations);
  }
}
