package dev.fisherman.core.qos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a servicer's numbers mean against the genesis thresholds: the named set {@link #NAMES}, each
 * verdict {@code unknown} until enough was seen.
 *
 * @param available availability against {@code min_availability}, once {@code min_samples} probes
 *     are in
 * @param latency median latency against {@code high_latency}, once {@code min_samples} ok probes
 *     are in
 * @param synced {@code no} when more than {@code allowance} blocks off the agreed head in most of
 *     its judged rounds, {@code yes} otherwise once {@code min_samples} rounds are judged
 * @param consistent {@code no} when it disagreed with the quorum in any judged integrity round,
 *     {@code yes} once one integrity round judged it
 * @param chain {@code no} when the chain id it answered is not the service's, {@code yes} when it
 *     is
 */
public record Verdicts(
    Available available, Latency latency, Check synced, Check consistent, Check chain) {

  /** Every verdict's name, in the order the API shows them. */
  public static final List<String> NAMES =
      List.of("available", "latency", "synced", "consistent", "chain");

  public Verdicts {
    Objects.requireNonNull(available, "available");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(synced, "synced");
    Objects.requireNonNull(consistent, "consistent");
    Objects.requireNonNull(chain, "chain");
  }

  /** Availability and latency verdicts; the cross-servicer checks {@code unknown}. */
  public Verdicts(Available available, Latency latency) {
    this(available, latency, Check.UNKNOWN, Check.UNKNOWN, Check.UNKNOWN);
  }

  /** Each verdict's wire value by name, in {@link #NAMES} order. */
  public Map<String, String> named() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("available", available.wireName());
    out.put("latency", latency.wireName());
    out.put("synced", synced.wireName());
    out.put("consistent", consistent.wireName());
    out.put("chain", chain.wireName());
    return out;
  }

  /** Availability against {@code min_availability}, once {@code min_samples} probes are in. */
  public enum Available {
    YES,
    NO,
    UNKNOWN;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Median latency against {@code high_latency}, once {@code min_samples} ok probes are in. */
  public enum Latency {
    LOW,
    HIGH,
    UNKNOWN;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A cross-servicer check's verdict. */
  public enum Check {
    YES,
    NO,
    UNKNOWN;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
