package dev.fisherman.core.qos;

import java.util.Locale;
import java.util.Objects;

/** What a servicer's numbers mean against the genesis thresholds. */
public record Verdicts(Available available, Latency latency) {
  public Verdicts {
    Objects.requireNonNull(available, "available");
    Objects.requireNonNull(latency, "latency");
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
}
