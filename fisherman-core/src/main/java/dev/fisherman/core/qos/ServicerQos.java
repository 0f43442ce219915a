package dev.fisherman.core.qos;

import dev.fisherman.core.probe.Outcome;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A snapshot of one servicer's QoS inside one session.
 *
 * @param probes observations recorded, cancelled ones included
 * @param outcomes observations per outcome class (classes never seen are absent)
 * @param availability ok / (probes − cancelled − excluded); empty before the first judged probe
 * @param availabilityCi95 Wilson 95% interval of the availability
 * @param latencyMs latency of the ok probes from the actual send; empty before the first ok
 * @param maxBlockHeight highest block height a probe reported, when the service reports one
 * @param blocksBehind head − height in the latest round the sync check judged it (negative: ahead)
 * @param checks its counts from the cross-servicer checks
 */
public record ServicerQos(
    String address,
    URI url,
    long probes,
    Map<Outcome, Long> outcomes,
    OptionalDouble availability,
    Optional<Interval> availabilityCi95,
    Optional<LatencySummary> latencyMs,
    Verdicts verdicts,
    OptionalLong maxBlockHeight,
    OptionalLong blocksBehind,
    CheckFigures checks) {

  public ServicerQos {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(url, "url");
    outcomes = Map.copyOf(outcomes);
    Objects.requireNonNull(availability, "availability");
    Objects.requireNonNull(availabilityCi95, "availabilityCi95");
    Objects.requireNonNull(latencyMs, "latencyMs");
    Objects.requireNonNull(verdicts, "verdicts");
    Objects.requireNonNull(maxBlockHeight, "maxBlockHeight");
    Objects.requireNonNull(blocksBehind, "blocksBehind");
    Objects.requireNonNull(checks, "checks");
  }

  /** A snapshot without cross-servicer checks. */
  public ServicerQos(
      String address,
      URI url,
      long probes,
      Map<Outcome, Long> outcomes,
      OptionalDouble availability,
      Optional<Interval> availabilityCi95,
      Optional<LatencySummary> latencyMs,
      Verdicts verdicts,
      OptionalLong maxBlockHeight) {
    this(
        address,
        url,
        probes,
        outcomes,
        availability,
        availabilityCi95,
        latencyMs,
        verdicts,
        maxBlockHeight,
        OptionalLong.empty(),
        CheckFigures.NONE);
  }
}
