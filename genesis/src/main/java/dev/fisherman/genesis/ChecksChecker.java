package dev.fisherman.genesis;

import dev.fisherman.genesis.input.Durations;
import dev.fisherman.genesis.input.Fields;
import dev.fisherman.genesis.input.JsonReader;
import dev.fisherman.genesis.input.Node;
import dev.fisherman.genesis.input.Problems;
import dev.fisherman.genesis.input.ServicerUrl;
import dev.fisherman.genesis.input.StrictReader;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks {@code params.checks}, a service's {@code checks} override (each key it leaves out takes
 * the genesis-wide value) and {@code params.self_check}.
 */
final class ChecksChecker {
  static final int MAX_SERVICERS = 10_000;
  static final long MAX_BLOCKS = 1_000_000;
  static final int MAX_CANARIES = 16;

  static final String E_CHECKS = "an object with sync and integrity";
  static final String E_SYNC = "an object with min_agreeing and allowance";
  static final String E_INTEGRITY = "an object with every, offset and quorum";
  static final String E_MIN_AGREEING = "an integer from 2 to " + MAX_SERVICERS;
  static final String E_ALLOWANCE = "an integer from 0 to " + MAX_BLOCKS;
  static final String E_EVERY = "an integer from 0 (off) to " + QosChecker.MAX_PROBES_PER_SESSION;
  static final String E_OFFSET =
      "an array [min, max] of integers with 1 <= min <= max <= " + MAX_BLOCKS;
  static final String E_QUORUM = "a number from 0 to 1, below 1";
  static final String E_SELF_CHECK =
      "an object with max_lateness, max_network_failures and canaries";
  static final String E_POSITIVE_DURATION = "a duration > 0";
  static final String E_MAX_NETWORK_FAILURES = "a number above 0 and at most 1";
  static final String E_CANARIES = "an array of at most " + MAX_CANARIES + " canary URLs";

  private final StrictReader in;
  private final Problems problems;

  ChecksChecker(StrictReader in) {
    this.in = in;
    this.problems = in.problems();
  }

  /** Reads a checks object (absent: {@code defaults}); null after reporting a problem. */
  CheckParams checks(String path, Node node, CheckParams defaults) {
    if (node == null) {
      return defaults;
    }
    Fields f = in.object(path, node, GenesisKeys.CHECKS, E_CHECKS);
    if (f == null) {
      return null;
    }
    CheckParams.Sync sync = f.optional("sync", defaults.sync(), (p, n) -> sync(p, n, defaults));
    CheckParams.Integrity integrity =
        f.optional("integrity", defaults.integrity(), (p, n) -> integrity(p, n, defaults));
    return sync == null || integrity == null ? null : new CheckParams(sync, integrity);
  }

  private CheckParams.Sync sync(String path, Node node, CheckParams defaults) {
    Fields f = in.object(path, node, GenesisKeys.SYNC, E_SYNC);
    if (f == null) {
      return null;
    }
    CheckParams.Sync d = defaults.sync();
    Integer minAgreeing =
        f.optional(
            "min_agreeing",
            d.minAgreeing(),
            (p, n) -> in.integer(p, n, 2, MAX_SERVICERS, E_MIN_AGREEING));
    Long allowance =
        f.optional(
            "allowance", d.allowance(), (p, n) -> in.longInteger(p, n, 0, MAX_BLOCKS, E_ALLOWANCE));
    return minAgreeing == null || allowance == null
        ? null
        : new CheckParams.Sync(minAgreeing, allowance);
  }

  private CheckParams.Integrity integrity(String path, Node node, CheckParams defaults) {
    Fields f = in.object(path, node, GenesisKeys.INTEGRITY, E_INTEGRITY);
    if (f == null) {
      return null;
    }
    CheckParams.Integrity d = defaults.integrity();
    Integer every =
        f.optional(
            "every",
            d.every(),
            (p, n) -> in.integer(p, n, 0, QosChecker.MAX_PROBES_PER_SESSION, E_EVERY));
    long[] offset = f.optional("offset", new long[] {d.offsetMin(), d.offsetMax()}, this::offset);
    Double quorum = f.optional("quorum", d.quorum(), this::quorum);
    return every == null || offset == null || quorum == null
        ? null
        : new CheckParams.Integrity(every, offset[0], offset[1], quorum);
  }

  private long[] offset(String path, Node node) {
    if (node instanceof Node.Arr arr
        && arr.items().size() == 2
        && arr.items().get(0) instanceof Node.Scalar lo
        && arr.items().get(1) instanceof Node.Scalar hi
        && lo.kind() == Node.Kind.INTEGER
        && hi.kind() == Node.Kind.INTEGER) {
      BigDecimal min = new BigDecimal(lo.text());
      BigDecimal max = new BigDecimal(hi.text());
      if (min.signum() > 0
          && min.compareTo(max) <= 0
          && max.compareTo(BigDecimal.valueOf(MAX_BLOCKS)) <= 0) {
        return new long[] {min.longValueExact(), max.longValueExact()};
      }
    }
    problems.value(path, node, E_OFFSET);
    return null;
  }

  private Double quorum(String path, Node node) {
    if (node instanceof Node.Scalar s
        && (s.kind() == Node.Kind.INTEGER || s.kind() == Node.Kind.DECIMAL)) {
      BigDecimal v = new BigDecimal(s.text());
      if (v.signum() >= 0 && v.compareTo(BigDecimal.ONE) < 0) {
        return v.doubleValue();
      }
    }
    problems.value(path, node, E_QUORUM);
    return null;
  }

  /**
   * Reads {@code params.self_check} (absent: every default); {@code qos} is null when it failed,
   * and then the self-check is not read.
   */
  SelfCheckParams selfCheck(String path, Node node, Node.Pos absentOrder, QosParams qos) {
    Fields f;
    if (node == null) {
      f = in.absent(path, absentOrder);
    } else {
      f = in.object(path, node, GenesisKeys.SELF_CHECK, E_SELF_CHECK);
      if (f == null) {
        return null;
      }
    }
    if (qos == null) {
      return null;
    }
    SelfCheckParams d = SelfCheckParams.defaults(qos);
    Duration maxLateness =
        f.optional(
            "max_lateness",
            d.maxLateness(),
            (p, n) -> in.duration(p, n, Duration::isPositive, E_POSITIVE_DURATION));
    Double maxFailures =
        f.optional(
            "max_network_failures",
            d.maxNetworkFailures(),
            (p, n) -> {
              Double v = in.fraction(p, n, E_MAX_NETWORK_FAILURES);
              if (v != null && v == 0.0) {
                problems.value(p, n, E_MAX_NETWORK_FAILURES);
                return null;
              }
              return v;
            });
    List<URI> canaries = f.optional("canaries", d.canaries(), this::canaries);
    if (maxLateness != null && maxLateness.compareTo(qos.relayTimeout()) > 0) {
      f.blame(
          "max_lateness",
          Durations.format(maxLateness),
          "at most relay_timeout, " + Durations.format(qos.relayTimeout()));
      maxLateness = null;
    }
    return maxLateness == null || maxFailures == null || canaries == null
        ? null
        : new SelfCheckParams(maxLateness, maxFailures, canaries);
  }

  private List<URI> canaries(String path, Node node) {
    if (!(node instanceof Node.Arr arr) || arr.items().size() > MAX_CANARIES) {
      problems.value(path, node, E_CANARIES);
      return null;
    }
    List<URI> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < arr.items().size(); i++) {
      URI url = in.url(JsonReader.item(path, i), arr.items().get(i), v -> ServicerUrl.EXPECTED);
      ok &= url != null;
      if (url != null) {
        out.add(url);
      }
    }
    return ok ? out : null;
  }
}
