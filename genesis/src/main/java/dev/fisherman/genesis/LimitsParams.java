package dev.fisherman.genesis;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code params.limits}: what the fisherman admits at most, and which addresses it never probes.
 * The three budgets are empty when genesis leaves them out; the engine then derives them from the
 * heap and the file-descriptor limit of the machine it runs on.
 *
 * @param maxActiveSessions sessions running at once
 * @param maxProbeRate probes per second all running sessions may plan together
 * @param maxConnections connections all running sessions may hold open at once
 * @param minRoundSpacing the least time between two rounds of one session
 * @param deny servicer addresses never probed, whatever the source
 */
public record LimitsParams(
    OptionalInt maxActiveSessions,
    OptionalInt maxProbeRate,
    OptionalInt maxConnections,
    Duration minRoundSpacing,
    List<AddressRange> deny) {

  /**
   * Link-local addresses, where clouds serve instance metadata, and AWS's IPv6 metadata address.
   */
  public static final List<AddressRange> DEFAULT_DENY =
      List.of(range("169.254.0.0/16"), range("fe80::/10"), range("fd00:ec2::254/128"));

  /** Round spacing unless genesis says otherwise. */
  public static final Duration DEFAULT_MIN_ROUND_SPACING = Duration.ofMillis(10);

  /** Every budget derived, the default spacing and deny list. */
  public static final LimitsParams DEFAULTS =
      new LimitsParams(
          OptionalInt.empty(),
          OptionalInt.empty(),
          OptionalInt.empty(),
          DEFAULT_MIN_ROUND_SPACING,
          DEFAULT_DENY);

  public LimitsParams {
    Objects.requireNonNull(maxActiveSessions, "maxActiveSessions");
    Objects.requireNonNull(maxProbeRate, "maxProbeRate");
    Objects.requireNonNull(maxConnections, "maxConnections");
    Objects.requireNonNull(minRoundSpacing, "minRoundSpacing");
    deny = List.copyOf(deny);
    positive("max_active_sessions", maxActiveSessions);
    positive("max_probe_rate", maxProbeRate);
    positive("max_connections", maxConnections);
    if (minRoundSpacing.isNegative()) {
      throw new IllegalArgumentException(
          "min_round_spacing: " + minRoundSpacing + " (expected: >= 0)");
    }
  }

  private static void positive(String name, OptionalInt value) {
    if (value.isPresent() && value.getAsInt() < 1) {
      throw new IllegalArgumentException(name + ": " + value.getAsInt() + " (expected: >= 1)");
    }
  }

  private static AddressRange range(String text) {
    return AddressRange.parse(text).orElseThrow();
  }

  /** The deny-list range {@code address} lies in, if any. */
  public Optional<AddressRange> denied(InetAddress address) {
    for (AddressRange r : deny) {
      if (r.contains(address)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The deny-list range {@code url}'s host lies in when that host is an IP literal. */
  public Optional<AddressRange> denied(URI url) {
    return AddressRange.literal(url).flatMap(this::denied);
  }
}
