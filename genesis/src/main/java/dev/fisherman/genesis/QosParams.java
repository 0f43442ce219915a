package dev.fisherman.genesis;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code params.qos}: how often and how a fisherman samples servicers, and the thresholds its
 * verdicts use. Defaults are in {@link #DEFAULTS} and documented in docs/genesis.md.
 *
 * @param probesPerSession rounds planned per session (each round probes every servicer once)
 * @param distribution how the round instants are spread over the session window
 * @param startDelay time skipped at the start of each session (rollover window)
 * @param relayTimeout per-probe deadline, connect included
 * @param highLatency p50 at or above which a servicer's latency verdict is {@code high}
 * @param minAvailability availability at or above which a servicer is {@code available}
 * @param minSamples probes needed before any verdict other than {@code unknown}
 * @param connection reuse a kept-alive connection per servicer, or a fresh one per probe
 * @param maxResponseBytes response bodies larger than this end as {@code too_large}
 * @param retentionSessions how many session lengths a session's results are kept after its end
 */
public record QosParams(
    int probesPerSession,
    Distribution distribution,
    Duration startDelay,
    Duration relayTimeout,
    Duration highLatency,
    double minAvailability,
    int minSamples,
    ConnectionMode connection,
    int maxResponseBytes,
    int retentionSessions) {

  /** The values used for every field a genesis file leaves out. */
  public static final QosParams DEFAULTS =
      new QosParams(
          12,
          Distribution.STRATIFIED,
          Duration.ofSeconds(2),
          Duration.ofSeconds(2),
          Duration.ofMillis(500),
          0.9,
          5,
          ConnectionMode.REUSE,
          1_048_576,
          4);

  public QosParams {
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(startDelay, "startDelay");
    Objects.requireNonNull(relayTimeout, "relayTimeout");
    Objects.requireNonNull(highLatency, "highLatency");
    Objects.requireNonNull(connection, "connection");
    if (probesPerSession < 1) {
      throw new IllegalArgumentException(
          "probes_per_session: " + probesPerSession + " (expected: >= 1)");
    }
    if (!(minAvailability >= 0.0 && minAvailability <= 1.0)) {
      throw new IllegalArgumentException(
          "min_availability: " + minAvailability + " (expected: in [0, 1])");
    }
    if (minSamples < 1) {
      throw new IllegalArgumentException("min_samples: " + minSamples + " (expected: >= 1)");
    }
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException(
          "max_response_bytes: " + maxResponseBytes + " (expected: >= 1)");
    }
    if (retentionSessions < 0) {
      throw new IllegalArgumentException(
          "retention_sessions: " + retentionSessions + " (expected: >= 0)");
    }
    if (startDelay.isNegative()) {
      throw new IllegalArgumentException("start_delay: " + startDelay + " (expected: >= 0)");
    }
    if (relayTimeout.isNegative() || relayTimeout.isZero()) {
      throw new IllegalArgumentException("relay_timeout: " + relayTimeout + " (expected: > 0)");
    }
    if (highLatency.isNegative() || highLatency.isZero()) {
      throw new IllegalArgumentException("high_latency: " + highLatency + " (expected: > 0)");
    }
  }
}
