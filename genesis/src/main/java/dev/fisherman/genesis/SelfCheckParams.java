package dev.fisherman.genesis;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code params.self_check}: when a round says more about the fisherman than about the servicers,
 * and is excluded from their QoS.
 *
 * @param maxLateness a round sent later than this after its planned instant is {@code
 *     fisherman_stalled}
 * @param maxNetworkFailures share of a round's probes failing with network-class outcomes from
 *     which the fisherman's own network is suspected
 * @param canaries URLs the operator trusts; when they fail too, the round is {@code
 *     fisherman_network}
 */
public record SelfCheckParams(Duration maxLateness, double maxNetworkFailures, List<URI> canaries) {

  public SelfCheckParams {
    Objects.requireNonNull(maxLateness, "maxLateness");
    canaries = List.copyOf(canaries);
    if (!maxLateness.isPositive()) {
      throw new IllegalArgumentException("max_lateness: " + maxLateness + " (expected: > 0)");
    }
    if (!(maxNetworkFailures > 0.0 && maxNetworkFailures <= 1.0)) {
      throw new IllegalArgumentException(
          "max_network_failures: " + maxNetworkFailures + " (expected: in (0, 1])");
    }
  }

  /** The defaults under {@code qos}: half of its relay timeout, 0.8, no canaries. */
  public static SelfCheckParams defaults(QosParams qos) {
    return new SelfCheckParams(qos.relayTimeout().dividedBy(2), 0.8, List.of());
  }
}
