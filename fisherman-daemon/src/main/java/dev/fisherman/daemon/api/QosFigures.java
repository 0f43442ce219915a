package dev.fisherman.daemon.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.qos.CheckFigures;
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
 * interval, latency in milliseconds, verdicts, the highest block height seen, how far behind the
 * agreed head it was in the latest judged round, and its counts from the cross-servicer checks.
 */
public record QosFigures(
    URI url,
    long probes,
    Map<String, Long> outcomes,
    OptionalDouble availability,
    Optional<Interval> availabilityCi95,
    Optional<Latency> latencyMs,
    Verdicts verdicts,
    OptionalLong blockHeight,
    OptionalLong blocksBehind,
    Checks checks) {
  @JsonCreator
  public QosFigures {
    Objects.requireNonNull(url, "url");
    outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    Objects.requireNonNull(availability, "availability");
    Objects.requireNonNull(availabilityCi95, "availabilityCi95");
    Objects.requireNonNull(latencyMs, "latencyMs");
    Objects.requireNonNull(verdicts, "verdicts");
    Objects.requireNonNull(blockHeight, "blockHeight");
    Objects.requireNonNull(blocksBehind, "blocksBehind");
    Objects.requireNonNull(checks, "checks");
  }

  /** Figures without cross-servicer checks. */
  public QosFigures(
      URI url,
      long probes,
      Map<String, Long> outcomes,
      OptionalDouble availability,
      Optional<Interval> availabilityCi95,
      Optional<Latency> latencyMs,
      Verdicts verdicts,
      OptionalLong blockHeight) {
    this(
        url,
        probes,
        outcomes,
        availability,
        availabilityCi95,
        latencyMs,
        verdicts,
        blockHeight,
        OptionalLong.empty(),
        Checks.NONE);
  }

  /**
   * The cross-servicer checks' counts: {@code {"sync": {"judged", "behind", "ahead"}, "integrity":
   * {"judged", "disagreed"}, "chain_id"}}.
   */
  public record Checks(Sync sync, Integrity integrity, Optional<String> chainId) {
    /** Nothing judged. */
    public static final Checks NONE =
        new Checks(new Sync(0, 0, 0), new Integrity(0, 0), Optional.empty());

    public Checks {
      Objects.requireNonNull(sync, "sync");
      Objects.requireNonNull(integrity, "integrity");
      Objects.requireNonNull(chainId, "chainId");
    }

    /** Sampling rounds the sync check judged, and in how many it was behind or ahead. */
    public record Sync(long judged, long behind, long ahead) {}

    /** Integrity rounds with a quorum that judged it, and in how many it disagreed. */
    public record Integrity(long judged, long disagreed) {}

    static Checks of(CheckFigures c) {
      return new Checks(
          new Sync(c.syncJudged(), c.behind(), c.ahead()),
          new Integrity(c.integrityJudged(), c.disagreed()),
          c.chainId());
    }
  }

  /** A confidence interval, written as {@code [low, high]}. */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"low", "high"})
  public record Interval(double low, double high) {}

  /** Latency percentiles in milliseconds. */
  public record Latency(double min, double p50, double p90, double p99, double max, double mean) {}

  /** The verdicts by their wire names ({@code yes}, {@code no}, {@code unknown}, ...). */
  public record Verdicts(
      String available, String latency, String synced, String consistent, String chain) {
    @JsonCreator
    public Verdicts {
      Objects.requireNonNull(available, "available");
      Objects.requireNonNull(latency, "latency");
      Objects.requireNonNull(synced, "synced");
      Objects.requireNonNull(consistent, "consistent");
      Objects.requireNonNull(chain, "chain");
    }

    /** Availability and latency; the checks {@code unknown}. */
    public Verdicts(String available, String latency) {
      this(available, latency, "unknown", "unknown", "unknown");
    }

    static Verdicts of(dev.fisherman.core.qos.Verdicts v) {
      return new Verdicts(
          v.available().wireName(),
          v.latency().wireName(),
          v.synced().wireName(),
          v.consistent().wireName(),
          v.chain().wireName());
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
        q.maxBlockHeight(),
        q.blocksBehind(),
        Checks.of(q.checks()));
  }
}
