package dev.fisherman.daemon.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.qos.ServicerQos;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What fisherman measured of one servicer in one session (the object "S" of docs/admin-api.md
 * without its address): probes, outcome counts (only those seen), availability with its 95%
 * interval, latency in milliseconds, verdicts and the highest block height seen.
 */
public record QosFigures(
    URI url,
    long probes,
    Map<String, Long> outcomes,
    OptionalDouble availability,
    Optional<Interval> availabilityCi95,
    Optional<Latency> latencyMs,
    Verdicts verdicts,
    OptionalLong blockHeight) {
  public QosFigures {
    Objects.requireNonNull(url, "url");
    outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    Objects.requireNonNull(availability, "availability");
    Objects.requireNonNull(availabilityCi95, "availabilityCi95");
    Objects.requireNonNull(latencyMs, "latencyMs");
    Objects.requireNonNull(verdicts, "verdicts");
    Objects.requireNonNull(blockHeight, "blockHeight");
  }

  /** A confidence interval, written as {@code [low, high]}. */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"low", "high"})
  public record Interval(double low, double high) {}

  /** Latency percentiles in milliseconds. */
  public record Latency(double min, double p50, double p90, double p99, double max, double mean) {}

  /** The verdicts by their wire names ({@code yes}, {@code no}, {@code unknown}, ...). */
  public record Verdicts(String available, String latency) {
    public Verdicts {
      Objects.requireNonNull(available, "available");
      Objects.requireNonNull(latency, "latency");
    }

    static Verdicts of(dev.fisherman.core.qos.Verdicts v) {
      return new Verdicts(v.available().wireName(), v.latency().wireName());
    }
  }

  /** The wire form of a servicer's QoS, rounded as the API documents. */
  public static QosFigures of(ServicerQos q) {
    Map<String, Long> outcomes = new LinkedHashMap<>();
    for (Outcome o : Outcome.values()) {
      Long count = q.outcomes().get(o);
      if (count != null && count > 0) {
        outcomes.put(o.wireName(), count);
      }
    }
    return new QosFigures(
        q.url(),
        q.probes(),
        outcomes,
        q.availability().isPresent()
            ? OptionalDouble.of(Wire.round(q.availability().getAsDouble(), 4))
            : OptionalDouble.empty(),
        q.availabilityCi95()
            .map(ci -> new Interval(Wire.round(ci.low(), 4), Wire.round(ci.high(), 4))),
        q.latencyMs()
            .map(
                l ->
                    new Latency(
                        Wire.round(l.min(), 3),
                        Wire.round(l.p50(), 3),
                        Wire.round(l.p90(), 3),
                        Wire.round(l.p99(), 3),
                        Wire.round(l.max(), 3),
                        Wire.round(l.mean(), 3))),
        Verdicts.of(q.verdicts()),
        q.maxBlockHeight());
  }
}
