package dev.fisherman.daemon.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Objects;

/** One servicer's QoS in a session: its address, then its {@link QosFigures}. */
public record ServicerQos(String address, @JsonUnwrapped QosFigures qos) {
  public ServicerQos {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(qos, "qos");
  }

  /** The wire form of a servicer's QoS. */
  public static ServicerQos of(dev.fisherman.core.qos.ServicerQos q) {
    return new ServicerQos(q.address(), QosFigures.of(q));
  }
}
