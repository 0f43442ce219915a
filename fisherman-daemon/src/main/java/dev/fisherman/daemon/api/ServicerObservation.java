package dev.fisherman.daemon.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Objects;

/** One probe of one servicer: a line of a session export after the report. */
public record ServicerObservation(String servicer, @JsonUnwrapped Observation observation) {
  public ServicerObservation {
    Objects.requireNonNull(servicer, "servicer");
    Objects.requireNonNull(observation, "observation");
  }

  /** The wire form of a recorded probe with its servicer. */
  public static ServicerObservation of(dev.fisherman.core.probe.Observation o) {
    return new ServicerObservation(o.servicer(), Observation.of(o));
  }
}
