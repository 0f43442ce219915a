package dev.fisherman.core;

import dev.fisherman.core.probe.Exclusion;
import dev.fisherman.core.probe.Finding;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.core.reputation.Reputation;
import dev.fisherman.core.reputation.ReputationState;
import dev.fisherman.core.reputation.TimeoutCause;
import dev.fisherman.core.store.WritableSessionStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Every meter the engine publishes, named once here. Tags are few and fixed: {@code service} (the
 * services genesis defines) and {@code outcome} (the outcome classes).
 */
public final class FishermanMetrics {
  /** Counter: probes that ended, by service and outcome (cancelled included). */
  public static final String PROBES = "fisherman.probes";

  /** Timer with a percentile histogram: latency of ok probes from the actual send, by service. */
  public static final String PROBE_LATENCY = "fisherman.probe.latency";

  /** Timer with a percentile histogram: actual − intended send of each probe, by service. */
  public static final String ROUND_LATENESS = "fisherman.round.lateness";

  /** Timer with a percentile histogram: first send → last send of each round, by service. */
  public static final String ROUND_FANOUT_SKEW = "fisherman.round.fanout.skew";

  /** Summary: servicers probed per fired round, by service. */
  public static final String ROUND_SERVICERS = "fisherman.round.servicers";

  /** Counter: servicers judged by a cross-servicer check, by service, check and result. */
  public static final String CHECKS = "fisherman.checks";

  /** Counter: integrity rounds where no identifier reached the quorum, by service. */
  public static final String INTEGRITY_NO_QUORUM = "fisherman.checks.integrity.no.quorum";

  /** Counter: rounds excluded because the fisherman was at fault, by service and reason. */
  public static final String ROUNDS_EXCLUDED = "fisherman.rounds.excluded";

  /** Tag: the check, {@code sync}, {@code integrity} or {@code chain}. */
  public static final String TAG_CHECK = "check";

  /** Tag: a check's result for one servicer, e.g. {@code behind}. */
  public static final String TAG_RESULT = "result";

  /** Tag: why a round was excluded, e.g. {@code fisherman_network}. */
  public static final String TAG_REASON = "reason";

  /** Gauge: remembered servicers seen in a service, by service and reputation state. */
  public static final String REPUTATION_SERVICERS = "fisherman.reputation.servicers";

  /**
   * Counter: timeouts started, by cause ({@code unavailable}, {@code inconsistent}, {@code chain}).
   */
  public static final String REPUTATION_TIMEOUTS = "fisherman.reputation.timeouts";

  /** Counter: servicers handed out by selection, by service. */
  public static final String SELECTIONS = "fisherman.selections";

  /** Tag: a reputation state, e.g. {@code probation}. */
  public static final String TAG_STATE = "state";

  /** Tag: why a timeout started, e.g. {@code unavailable}. */
  public static final String TAG_CAUSE = "cause";

  /**
   * Counter: probes of one servicer that ended, by service, servicer and outcome; only for
   * servicers of active sessions, at most {@code --servicer-metrics-limit} of them (see {@link
   * ServicerMeters}).
   */
  public static final String SERVICER_PROBES = "fisherman.servicer.probes";

  /** Timer (count, sum, max): latency of one servicer's ok probes, by service and servicer. */
  public static final String SERVICER_PROBE_LATENCY = "fisherman.servicer.probe.latency";

  /** Gauge: servicers that have series of their own now. */
  public static final String SERVICER_METRICS_SERVICERS = "fisherman.servicer.metrics.servicers";

  /** Gauge: the most servicers that may have series of their own. */
  public static final String SERVICER_METRICS_LIMIT = "fisherman.servicer.metrics.limit";

  /** Counter: servicers of a starting session the cap left without series of their own. */
  public static final String SERVICER_METRICS_REFUSED = "fisherman.servicer.metrics.refused";

  /** Tag: the servicer's address. */
  public static final String TAG_SERVICER = "servicer";

  /** Gauge: sessions whose rounds are still running. */
  public static final String SESSIONS_ACTIVE = "fisherman.sessions.active";

  /** Gauge: probes sent whose outcome is not decided yet. */
  public static final String PROBES_IN_FLIGHT = "fisherman.probes.in.flight";

  /** Gauge: the admission budgets, tagged {@code budget}; see {@link Capacity}. */
  public static final String LIMIT = "fisherman.admission.limit";

  /** Gauge: what running sessions hold of each admission budget, tagged {@code budget}. */
  public static final String IN_USE = "fisherman.admission.in.use";

  /** Tag of {@link #LIMIT} and {@link #IN_USE}: active_sessions, probe_rate, connections. */
  public static final String TAG_BUDGET = "budget";

  /** Gauge: sessions retained in the session store. */
  public static final String STORE_SESSIONS = "fisherman.store.sessions";

  /** Gauge: servicer records (plus one per session) retained in the session store. */
  public static final String STORE_WEIGHT = "fisherman.store.weight";

  /**
   * The {@code cache} tag of Micrometer's Caffeine meters ({@code cache.gets}, {@code cache.size},
   * {@code cache.evictions}, ...) for the session store.
   */
  public static final String STORE_CACHE = "fisherman.sessions";

  /** Tag: the service id. */
  public static final String TAG_SERVICE = "service";

  /** Tag: the outcome class wire name. */
  public static final String TAG_OUTCOME = "outcome";

  private FishermanMetrics() {}

  /** The engine-wide gauges: active sessions, probes in flight, and the store's size. */
  /** The counter of servicers handed out by selection for {@code service}. */
  static Counter selections(MeterRegistry registry, String service) {
    return Counter.builder(SELECTIONS)
        .description("Servicers handed out by selection, by service")
        .tag(TAG_SERVICE, service)
        .register(registry);
  }

  /** Counters of timeouts started, by cause. */
  static TimeoutCounters timeoutCounters(MeterRegistry registry) {
    Map<TimeoutCause, Counter> counters = new EnumMap<>(TimeoutCause.class);
    for (TimeoutCause c : TimeoutCause.values()) {
      counters.put(
          c,
          Counter.builder(REPUTATION_TIMEOUTS)
              .description("Timeouts started, by cause")
              .tag(TAG_CAUSE, c.wireName())
              .register(registry));
    }
    return new TimeoutCounters(counters);
  }

  record TimeoutCounters(Map<TimeoutCause, Counter> counters) {
    void increment(TimeoutCause cause) {
      counters.get(cause).increment();
    }
  }

  /** One gauge per service and reputation state: remembered servicers seen in the service. */
  static void reputationGauges(
      MeterRegistry registry, List<String> services, Reputation reputation) {
    for (String service : services) {
      for (ReputationState s : ReputationState.values()) {
        Gauge.builder(REPUTATION_SERVICERS, () -> reputation.count(service, s))
            .description("Remembered servicers seen in the service, by reputation state")
            .tag(TAG_SERVICE, service)
            .tag(TAG_STATE, s.wireName())
            .register(registry);
      }
    }
  }

  static void engineGauges(
      MeterRegistry registry,
      IntSupplier activeSessions,
      LongSupplier inFlight,
      WritableSessionStore store) {
    // The suppliers are method references nobody else keeps: held strongly (see capacityGauges).
    Gauge.builder(SESSIONS_ACTIVE, activeSessions, IntSupplier::getAsInt)
        .description("Sessions whose rounds are still running")
        .strongReference(true)
        .register(registry);
    Gauge.builder(PROBES_IN_FLIGHT, inFlight, LongSupplier::getAsLong)
        .description("Probes sent whose outcome is not decided yet")
        .strongReference(true)
        .register(registry);
    Gauge.builder(STORE_SESSIONS, store, WritableSessionStore::size)
        .description("Sessions retained in the session store")
        .register(registry);
    Gauge.builder(STORE_WEIGHT, store, WritableSessionStore::weight)
        .description("Servicer records plus one per session retained in the session store")
        .register(registry);
  }

  /** The meters of one service, created once when the engine starts. */
  static void capacityGauges(MeterRegistry registry, Supplier<Capacity> capacity) {
    // Held strongly: the supplier is usually a method reference nobody else keeps, and a gauge
    // holds its object weakly by default, so it would read NaN after the first collection.
    for (AdmissionRefusedException.Budget b : AdmissionRefusedException.Budget.values()) {
      Gauge.builder(LIMIT, capacity, c -> limit(c.get(), b))
          .description("Admission budget (params.limits); a session that does not fit is refused")
          .tag(TAG_BUDGET, b.wireName())
          .strongReference(true)
          .register(registry);
      Gauge.builder(IN_USE, capacity, c -> inUse(c.get(), b))
          .description("What running sessions hold of each admission budget")
          .tag(TAG_BUDGET, b.wireName())
          .strongReference(true)
          .register(registry);
    }
  }

  private static double limit(Capacity c, AdmissionRefusedException.Budget b) {
    return switch (b) {
      case ACTIVE_SESSIONS -> c.maxActiveSessions();
      case PROBE_RATE -> c.maxProbeRate();
      case CONNECTIONS -> c.maxConnections();
    };
  }

  private static double inUse(Capacity c, AdmissionRefusedException.Budget b) {
    return switch (b) {
      case ACTIVE_SESSIONS -> c.activeSessions();
      case PROBE_RATE -> c.probeRate();
      case CONNECTIONS -> c.connections();
    };
  }

  static final class ServiceMeters {
    final Counter[] probes;
    final Timer latency;
    final Timer lateness;
    final Timer skew;
    final DistributionSummary servicers;
    final Counter[] sync;
    final Counter[] integrity;
    final Counter[] chain;
    final Counter noQuorum;
    final Counter[] excluded;

    ServiceMeters(MeterRegistry registry, String service, Duration relayTimeout) {
      Outcome[] outcomes = Outcome.values();
      probes = new Counter[outcomes.length];
      for (Outcome o : outcomes) {
        probes[o.ordinal()] =
            Counter.builder(PROBES)
                .description("Probes that ended, by service and outcome class")
                .tag(TAG_SERVICE, service)
                .tag(TAG_OUTCOME, o.wireName())
                .register(registry);
      }
      latency =
          Timer.builder(PROBE_LATENCY)
              .description("Latency of ok probes from the actual send to the whole response")
              .tag(TAG_SERVICE, service)
              .publishPercentileHistogram()
              .minimumExpectedValue(Duration.ofNanos(100_000))
              .maximumExpectedValue(relayTimeout)
              .register(registry);
      lateness =
          roundTimer(
              registry,
              ROUND_LATENESS,
              "Actual minus intended send instant of each probe",
              service);
      skew =
          roundTimer(
              registry,
              ROUND_FANOUT_SKEW,
              "First send to last send of the probes of one round",
              service);
      servicers =
          DistributionSummary.builder(ROUND_SERVICERS)
              .description("Servicers probed per fired round")
              .tag(TAG_SERVICE, service)
              .register(registry);
      sync = checkCounters(registry, service, "sync", Finding.Sync.values());
      integrity = checkCounters(registry, service, "integrity", Finding.Integrity.values());
      chain = checkCounters(registry, service, "chain", Finding.Chain.values());
      noQuorum =
          Counter.builder(INTEGRITY_NO_QUORUM)
              .description("Integrity rounds in which no block identifier reached the quorum")
              .tag(TAG_SERVICE, service)
              .register(registry);
      Exclusion[] reasons = Exclusion.values();
      excluded = new Counter[reasons.length];
      for (Exclusion r : reasons) {
        excluded[r.ordinal()] =
            Counter.builder(ROUNDS_EXCLUDED)
                .description("Rounds excluded from QoS because the fisherman was at fault")
                .tag(TAG_SERVICE, service)
                .tag(TAG_REASON, r.wireName())
                .register(registry);
      }
    }

    /** One counter per result of a check; index 0 (not judged) stays null. */
    private static Counter[] checkCounters(
        MeterRegistry registry, String service, String check, Enum<?>[] results) {
      Counter[] out = new Counter[results.length];
      for (int i = 1; i < results.length; i++) {
        out[i] =
            Counter.builder(CHECKS)
                .description("Servicers judged by a cross-servicer check, by check and result")
                .tag(TAG_SERVICE, service)
                .tag(TAG_CHECK, check)
                .tag(TAG_RESULT, results[i].name().toLowerCase(java.util.Locale.ROOT))
                .register(registry);
      }
      return out;
    }

    /** Counts what the judges found in {@code round}. */
    void judged(RoundResult round) {
      round.excluded().ifPresent(r -> excluded[r.ordinal()].increment());
      if (round.quorum() == RoundResult.Quorum.NO_QUORUM) {
        noQuorum.increment();
      }
      for (Finding f : round.findings()) {
        if (f.sync() != Finding.Sync.NONE) {
          sync[f.sync().ordinal()].increment();
        }
        if (f.integrity() != Finding.Integrity.NONE) {
          integrity[f.integrity().ordinal()].increment();
        }
        if (f.chain() != Finding.Chain.NONE) {
          chain[f.chain().ordinal()].increment();
        }
      }
    }

    /** A round timing histogram: microseconds to a second, the range rounds live in. */
    private static Timer roundTimer(
        MeterRegistry registry, String name, String description, String service) {
      return Timer.builder(name)
          .description(description)
          .tag(TAG_SERVICE, service)
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofNanos(1_000))
          .maximumExpectedValue(Duration.ofSeconds(1))
          .register(registry);
    }

    void probe(Outcome outcome, long totalNanos) {
      probes[outcome.ordinal()].increment();
      if (outcome == Outcome.OK) {
        latency.record(totalNanos, TimeUnit.NANOSECONDS);
      }
    }
  }
}
