package dev.fisherman.genesis;

import dev.fisherman.genesis.input.Durations;
import dev.fisherman.genesis.input.Fields;
import dev.fisherman.genesis.input.Node;
import dev.fisherman.genesis.input.StrictReader;
import java.time.Duration;

/**
 * Checks {@code params.qos}: each sampling parameter on its own, then the rules between them and
 * the session window. An absent {@code qos} takes every default, which must still fit the window.
 */
final class QosChecker {
  static final int MAX_PROBES_PER_SESSION = 10_000;
  static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
  static final int MAX_RETENTION_SESSIONS = 1_000;

  static final String E_QOS = "an object of sampling parameters";
  static final String E_POSITIVE_DURATION = "a duration > 0";
  static final String E_PROBES = "an integer from 1 to " + MAX_PROBES_PER_SESSION;
  static final String E_DISTRIBUTION = "one of stratified, uniform, poisson, fixed";
  static final String E_FRACTION = "a number from 0 to 1";
  static final String E_MIN_SAMPLES = "an integer from 1 to " + MAX_PROBES_PER_SESSION;
  static final String E_CONNECTION = "one of reuse, fresh";
  static final String E_MAX_RESPONSE = "an integer from 1 to " + MAX_RESPONSE_BYTES;
  static final String E_RETENTION = "an integer from 0 to " + MAX_RETENTION_SESSIONS;

  private final StrictReader in;

  QosChecker(StrictReader in) {
    this.in = in;
  }

  /**
   * Reads {@code qos} (absent: every default, problems ordered at {@code absentOrder}); {@code
   * session} is null when it failed, and then the window rules are skipped.
   */
  QosParams qos(String path, Node qos, Node.Pos absentOrder, SessionParams session) {
    Fields q;
    if (qos == null) {
      q = in.absent(path, absentOrder);
    } else {
      q = in.object(path, qos, GenesisKeys.QOS, E_QOS);
      if (q == null) {
        return null;
      }
    }
    QosParams d = QosParams.DEFAULTS;
    Integer probes =
        q.optional(
            "probes_per_session",
            d.probesPerSession(),
            (p, n) -> in.integer(p, n, 1, MAX_PROBES_PER_SESSION, E_PROBES));
    Distribution distribution =
        q.optional(
            "distribution",
            d.distribution(),
            (p, n) ->
                in.choice(
                    p,
                    n,
                    Distribution.fromWireName(StrictReader.stringOrEmpty(n)),
                    E_DISTRIBUTION));
    Duration startDelay =
        q.optional("start_delay", d.startDelay(), (p, n) -> in.duration(p, n, x -> true, ""));
    Duration relayTimeout =
        q.optional(
            "relay_timeout",
            d.relayTimeout(),
            (p, n) -> in.duration(p, n, Duration::isPositive, E_POSITIVE_DURATION));
    Duration highLatency =
        q.optional(
            "high_latency",
            d.highLatency(),
            (p, n) -> in.duration(p, n, Duration::isPositive, E_POSITIVE_DURATION));
    Double minAvailability =
        q.optional(
            "min_availability", d.minAvailability(), (p, n) -> in.fraction(p, n, E_FRACTION));
    Integer minSamples =
        q.optional(
            "min_samples",
            d.minSamples(),
            (p, n) -> in.integer(p, n, 1, MAX_PROBES_PER_SESSION, E_MIN_SAMPLES));
    ConnectionMode connection =
        q.optional(
            "connection",
            d.connection(),
            (p, n) ->
                in.choice(
                    p,
                    n,
                    ConnectionMode.fromWireName(StrictReader.stringOrEmpty(n)),
                    E_CONNECTION));
    Integer maxResponseBytes =
        q.optional(
            "max_response_bytes",
            d.maxResponseBytes(),
            (p, n) -> in.integer(p, n, 1, MAX_RESPONSE_BYTES, E_MAX_RESPONSE));
    Integer retention =
        q.optional(
            "retention_sessions",
            d.retentionSessions(),
            (p, n) -> in.integer(p, n, 0, MAX_RETENTION_SESSIONS, E_RETENTION));

    if (session != null) {
      Duration window = session.sessionLength();
      String inWindow =
          "shorter than the session window, "
              + session.blocksPerSession()
              + " x "
              + Durations.format(session.blockTime())
              + " = "
              + Durations.format(window);
      if (startDelay != null && startDelay.compareTo(window) >= 0) {
        q.blame("start_delay", Durations.format(startDelay), inWindow);
      }
      if (relayTimeout != null && relayTimeout.compareTo(window) >= 0) {
        q.blame("relay_timeout", Durations.format(relayTimeout), inWindow);
      }
    }
    if (highLatency != null && relayTimeout != null && highLatency.compareTo(relayTimeout) >= 0) {
      q.blame(
          "high_latency",
          Durations.format(highLatency),
          "shorter than relay_timeout, " + Durations.format(relayTimeout));
    }
    if (minSamples != null && probes != null && minSamples > probes) {
      q.blame("min_samples", minSamples.toString(), "at most probes_per_session, " + probes);
    }
    if (probes == null
        || distribution == null
        || startDelay == null
        || relayTimeout == null
        || highLatency == null
        || minAvailability == null
        || minSamples == null
        || connection == null
        || maxResponseBytes == null
        || retention == null) {
      return null;
    }
    return new QosParams(
        probes,
        distribution,
        startDelay,
        relayTimeout,
        highLatency,
        minAvailability,
        minSamples,
        connection,
        maxResponseBytes,
        retention);
  }
}
