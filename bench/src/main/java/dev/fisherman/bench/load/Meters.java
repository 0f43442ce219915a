package dev.fisherman.bench.load;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A registry for the engine under test that keeps p50/p99 of every timer and distribution summary
 * at three significant digits, whatever the engine itself asks for, so the harness can read
 * lateness, skew and latency from the engine's own meters.
 */
final class Meters {
  /** One timer or summary: its name, tags, count and percentiles (nanoseconds for timers). */
  record Reading(String name, String tags, long count, double p50, double p99, double max) {}

  private Meters() {}

  static MeterRegistry registry() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public DistributionStatisticConfig configure(
                  Meter.Id id, DistributionStatisticConfig config) {
                return DistributionStatisticConfig.builder()
                    .percentiles(0.5, 0.99)
                    .percentilePrecision(3)
                    .expiry(Duration.ofHours(1))
                    .bufferLength(1)
                    .build()
                    .merge(config);
              }
            });
    return registry;
  }

  /** The one timer or summary named {@code name} (summed over tags is not needed here). */
  static Reading one(MeterRegistry registry, String name) {
    List<Reading> found = new ArrayList<>();
    for (Reading r : read(registry)) {
      if (r.name().equals(name)) {
        found.add(r);
      }
    }
    if (found.size() != 1) {
      throw new IllegalStateException(
          "meter " + name + ": " + found.size() + " found (expected: exactly one)");
    }
    return found.get(0);
  }

  static List<Reading> read(MeterRegistry registry) {
    List<Reading> out = new ArrayList<>();
    for (Meter m : registry.getMeters()) {
      HistogramSnapshot s;
      double scale;
      if (m instanceof Timer t) {
        s = t.takeSnapshot();
        scale = 1; // percentileValues are in the base unit asked for below
        out.add(
            new Reading(
                m.getId().getName(),
                m.getId().getTags().toString(),
                s.count(),
                value(s, 0.5, TimeUnit.NANOSECONDS),
                value(s, 0.99, TimeUnit.NANOSECONDS),
                s.max(TimeUnit.NANOSECONDS) * scale));
      } else if (m instanceof DistributionSummary d) {
        s = d.takeSnapshot();
        out.add(
            new Reading(
                m.getId().getName(),
                m.getId().getTags().toString(),
                s.count(),
                value(s, 0.5, null),
                value(s, 0.99, null),
                s.max()));
      }
    }
    return out;
  }

  private static double value(HistogramSnapshot s, double p, TimeUnit unit) {
    for (ValueAtPercentile v : s.percentileValues()) {
      if (v.percentile() == p) {
        return unit == null ? v.value() : v.value(unit);
      }
    }
    return Double.NaN;
  }
}
