package dev.fisherman.core.store;

import dev.fisherman.core.qos.ServicerQos;
import java.util.List;
import java.util.Objects;

/** A session and the QoS of each of its servicers, in the session's servicer order. */
public record SessionReport(SessionSummary summary, List<ServicerQos> servicers) {
  public SessionReport {
    Objects.requireNonNull(summary, "summary");
    servicers = List.copyOf(servicers);
  }
}
