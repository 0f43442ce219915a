package dev.fisherman.core;

import dev.fisherman.core.probe.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Probes and ok latency per (service, servicer), for the servicers of the active sessions, at most
 * {@code limit} of them at a time so the series stay bounded. A servicer gets its series when a
 * session with it starts and there is room, and loses them when it is in no active session of the
 * service any more (its last one finished); a servicer turned away by the cap is counted, and gets
 * series at its next session if there is room then. Limit 0 publishes none.
 *
 * <p>Sessions join and leave on the engine's scheduler thread; probes are recorded from the event
 * loops, so the live set is a concurrent map and each servicer's counters are made on first use.
 */
final class ServicerMeters {
  private final MeterRegistry registry;
  private final int limit;
  private final Counter refused;
  // Guarded by this: sessions holding each (service, servicer), tracked or not.
  private final Map<Key, Integer> holders = new HashMap<>();
  private final Map<Key, Series> live = new ConcurrentHashMap<>();

  private record Key(String service, String servicer) {}

  /** One servicer's meters; outcome counters are registered on first use. */
  private final class Series {
    final Key key;
    final AtomicReferenceArray<Counter> probes =
        new AtomicReferenceArray<>(Outcome.values().length);
    final Timer latency;

    Series(Key key) {
      this.key = key;
      this.latency =
          Timer.builder(FishermanMetrics.SERVICER_PROBE_LATENCY)
              .description(
                  "Latency of one servicer's ok probes from the actual send to the whole response")
              .tag(FishermanMetrics.TAG_SERVICE, key.service())
              .tag(FishermanMetrics.TAG_SERVICER, key.servicer())
              .register(registry);
    }

    Counter probes(Outcome o) {
      Counter c = probes.get(o.ordinal());
      if (c == null) {
        c =
            Counter.builder(FishermanMetrics.SERVICER_PROBES)
                .description("One servicer's probes that ended, by outcome class")
                .tag(FishermanMetrics.TAG_SERVICE, key.service())
                .tag(FishermanMetrics.TAG_SERVICER, key.servicer())
                .tag(FishermanMetrics.TAG_OUTCOME, o.wireName())
                .register(registry);
        probes.set(o.ordinal(), c);
      }
      return c;
    }

    void remove() {
      for (int i = 0; i < probes.length(); i++) {
        Meter m = probes.get(i);
        if (m != null) {
          registry.remove(m);
        }
      }
      registry.remove(latency);
    }
  }

  ServicerMeters(MeterRegistry registry, int limit) {
    this.registry = Objects.requireNonNull(registry, "registry");
    if (limit < 0) {
      throw new IllegalArgumentException("servicerMetricsLimit: " + limit + " (expected: >= 0)");
    }
    this.limit = limit;
    Gauge.builder(FishermanMetrics.SERVICER_METRICS_SERVICERS, live, Map::size)
        .description("Servicers with series of their own (at most the servicer metrics limit)")
        .register(registry);
    Gauge.builder(FishermanMetrics.SERVICER_METRICS_LIMIT, () -> this.limit)
        .description("Most servicers with series of their own (--servicer-metrics-limit)")
        .register(registry);
    this.refused =
        Counter.builder(FishermanMetrics.SERVICER_METRICS_REFUSED)
            .description(
                "Servicers of a starting session left without series of their own by the cap")
            .register(registry);
  }

  /** A session of {@code service} with {@code servicers} starts. */
  synchronized void join(String service, List<String> servicers) {
    if (limit == 0) {
      return;
    }
    for (String servicer : servicers) {
      Key key = new Key(service, servicer);
      holders.merge(key, 1, Integer::sum);
      if (live.containsKey(key)) {
        continue;
      }
      if (live.size() < limit) {
        live.put(key, new Series(key));
      } else {
        refused.increment();
      }
    }
  }

  /** A session of {@code service} with {@code servicers} finished: its last probe is counted. */
  synchronized void leave(String service, List<String> servicers) {
    if (limit == 0) {
      return;
    }
    for (String servicer : servicers) {
      Key key = new Key(service, servicer);
      Integer left = holders.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
      if (left == null) {
        Series s = live.remove(key);
        if (s != null) {
          s.remove();
        }
      }
    }
  }

  /** Counts {@code count} probes of {@code servicer} that ended in {@code outcome}. */
  void probes(String service, String servicer, Outcome outcome, long count, long totalNanos) {
    if (live.isEmpty()) {
      return;
    }
    Series s = live.get(new Key(service, servicer));
    if (s == null) {
      return;
    }
    // Two threads may both register the counter on first use; the registry hands both the same.
    s.probes(outcome).increment(count);
    if (outcome == Outcome.OK) {
      s.latency.record(totalNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Servicers with series now. */
  int size() {
    return live.size();
  }
}
