package dev.fisherman.genesis;

import dev.fisherman.genesis.input.Durations;
import dev.fisherman.genesis.input.Fields;
import dev.fisherman.genesis.input.Node;
import dev.fisherman.genesis.input.StrictReader;
import java.time.Duration;

/** Checks {@code params.reputation}; every key is optional and takes its default when absent. */
final class ReputationChecker {
  static final int MAX_PROBATION_PROBES = 1_000;

  static final String E_REPUTATION =
      "an object with half_life, forget_after, latency_band, timeout, integrity_timeout and"
          + " probation_probes";
  static final String E_POSITIVE_DURATION = "a duration > 0";
  static final String E_PROBATION = "an integer from 1 to " + MAX_PROBATION_PROBES;

  private final StrictReader in;

  ReputationChecker(StrictReader in) {
    this.in = in;
  }

  /** Reads {@code params.reputation} (absent: every default); null when it has a problem. */
  ReputationParams reputation(String path, Node node, Node.Pos absentOrder) {
    Fields f;
    if (node == null) {
      f = in.absent(path, absentOrder);
    } else {
      f = in.object(path, node, GenesisKeys.REPUTATION, E_REPUTATION);
      if (f == null) {
        return null;
      }
    }
    ReputationParams d = ReputationParams.DEFAULTS;
    Duration halfLife = duration(f, "half_life", d.halfLife());
    Duration forgetAfter = duration(f, "forget_after", d.forgetAfter());
    Duration band = duration(f, "latency_band", d.latencyBand());
    Duration timeout = duration(f, "timeout", d.timeout());
    Duration integrity = duration(f, "integrity_timeout", d.integrityTimeout());
    Integer probation =
        f.optional(
            "probation_probes",
            d.probationProbes(),
            (p, n) -> in.integer(p, n, 1, MAX_PROBATION_PROBES, E_PROBATION));
    if (halfLife != null && forgetAfter != null && forgetAfter.compareTo(halfLife) < 0) {
      f.blame(
          "forget_after",
          Durations.format(forgetAfter),
          "at least half_life, " + Durations.format(halfLife));
      forgetAfter = null;
    }
    return halfLife == null
            || forgetAfter == null
            || band == null
            || timeout == null
            || integrity == null
            || probation == null
        ? null
        : new ReputationParams(halfLife, forgetAfter, band, timeout, integrity, probation);
  }

  private Duration duration(Fields f, String key, Duration fallback) {
    return f.optional(
        key, fallback, (p, n) -> in.duration(p, n, Duration::isPositive, E_POSITIVE_DURATION));
  }
}
