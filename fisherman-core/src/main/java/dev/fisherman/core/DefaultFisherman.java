package dev.fisherman.core;

import dev.fisherman.core.export.SessionExport;
import dev.fisherman.core.judge.Judges;
import dev.fisherman.core.probe.Exclusion;
import dev.fisherman.core.probe.RoundJudge;
import dev.fisherman.core.relay.RelayClient;
import dev.fisherman.core.reputation.Reputation;
import dev.fisherman.core.reputation.Selected;
import dev.fisherman.core.reputation.ServicerReputation;
import dev.fisherman.core.sampling.SamplingPlan;
import dev.fisherman.core.sampling.SamplingPlanner;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.SessionStore;
import dev.fisherman.core.store.SessionStores;
import dev.fisherman.core.store.SessionSummary;
import dev.fisherman.core.store.SessionWriter;
import dev.fisherman.core.store.WritableSessionStore;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.genesis.AddressRange;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.LimitsParams;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.Service;
import dev.fisherman.genesis.input.Durations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's front: admits sessions (planning their rounds), keeps the active ones, publishes the
 * gauges and shuts down. Rounds are run by each {@link ActiveSession}, sent by {@link FanOut} and
 * counted by the {@link Ledger}.
 */
final class DefaultFisherman implements Fisherman {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultFisherman.class);

  private final Genesis genesis;
  private final QosParams qos;
  private final FishermanClock clock;
  private final RandomGenerator random;
  private final RandomGenerator selectionRandom;
  private final RelayClient client;
  private final WritableSessionStore store;
  private final Ledger ledger = new Ledger();
  private final ActiveSession.Engine engine;
  private final Reputation reputation;
  private final Map<String, Counter> selections = new HashMap<>();
  private final Map<String, ServiceRounds> renderers = new HashMap<>();
  private final SelfHealth selfHealth = new SelfHealth();
  private final Map<String, FishermanMetrics.ServiceMeters> meters = new HashMap<>();
  private final ConcurrentHashMap<String, ActiveSession> active = new ConcurrentHashMap<>();
  // Changes whenever a session starts or ends: selection tables made before are stale.
  private final AtomicLong sessionsVersion = new AtomicLong();
  // Makes selection tables ahead of the requests; closed by close().
  private final ExecutorService selectionRefresher =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("fisherman-selection").daemon().factory());
  private final SelectionTables selectionTables;
  private final Object admission = new Object();
  private final int maxActiveSessions;
  private final int maxProbeRate;
  private final int maxConnections;
  private final Duration minRoundSpacing;
  private final LimitsParams limits;
  // Guarded by admission: what the running sessions hold of the budgets.
  private double probeRateInUse;
  private long connectionsInUse;
  private volatile boolean running = true;

  DefaultFisherman(
      Genesis genesis,
      FishermanClock clock,
      RandomGenerator random,
      RandomGenerator selectionRandom,
      RelayClient client,
      MeterRegistry registry,
      long storeMaxRecords,
      long reputationMaxServicers,
      int servicerMetricsLimit,
      SessionExport export,
      List<RoundJudge> judges,
      Resources resources) {
    this.genesis = genesis;
    this.qos = genesis.qos();
    this.limits = genesis.params().limits();
    this.maxActiveSessions =
        limits.maxActiveSessions().orElse(resources.defaultMaxActiveSessions());
    this.maxProbeRate = limits.maxProbeRate().orElse(resources.defaultMaxProbeRate());
    this.maxConnections = limits.maxConnections().orElse(resources.defaultMaxConnections());
    this.minRoundSpacing = limits.minRoundSpacing();
    this.clock = clock;
    this.random = random;
    this.selectionRandom = selectionRandom;
    this.client = client;
    for (Service service : genesis.services()) {
      renderers.put(service.id(), new ServiceRounds(genesis, service));
      meters.put(
          service.id(),
          new FishermanMetrics.ServiceMeters(registry, service.id(), qos.relayTimeout()));
    }
    this.store =
        SessionStores.caffeine(qos, clock, storeMaxRecords, registry, FishermanMetrics.STORE_CACHE);
    FishermanMetrics.engineGauges(registry, active::size, ledger::inFlight, store);
    FishermanMetrics.capacityGauges(registry, this::capacity);
    List<String> serviceIds = genesis.services().stream().map(Service::id).toList();
    this.reputation =
        Reputation.create(
            genesis.params().reputation(),
            qos,
            clock,
            reputationMaxServicers,
            FishermanMetrics.timeoutCounters(registry)::increment);
    FishermanMetrics.reputationGauges(registry, serviceIds, reputation);
    for (String id : serviceIds) {
      selections.put(id, FishermanMetrics.selections(registry, id));
    }
    if (qos.distribution() == Distribution.FIXED) {
      LOG.warn(
          "params.qos.distribution is fixed: probe instants are evenly spaced and predictable"
              + " to servicers");
    }
    this.selectionTables =
        new SelectionTables(
            reputation, clock, selectionRefresher, this::servicersOf, sessionsVersion::get);
    this.engine =
        new ActiveSession.Engine(
            new RoundScheduler("fisherman-rounds", clock),
            new FanOut(client, random, ledger),
            ledger,
            allJudges(genesis, judges),
            random,
            genesis.params().selfCheck().canaries(),
            selfHealth,
            reputation,
            export,
            new ServicerMeters(registry, servicerMetricsLimit),
            id -> store.session(id).ifPresent(export::finished));
  }

  @Override
  public Admission submit(SessionStarted session) {
    return admit(session).admission();
  }

  @Override
  public Admitted admit(SessionStarted session) {
    Objects.requireNonNull(session, "session");
    if (!running) {
      throw new IllegalStateException("fisherman: closed (expected: a running engine)");
    }
    ServiceRounds renderer = renderers.get(session.service());
    if (renderer == null) {
      throw new IllegalArgumentException(
          "service: \""
              + session.service()
              + "\" (expected: one of "
              + genesis.services().stream().map(Service::id).toList()
              + ")");
    }
    for (SessionServicer s : session.servicers()) {
      Optional<AddressRange> denied = limits.denied(s.url());
      if (denied.isPresent()) {
        throw new IllegalArgumentException(
            "servicer "
                + s.address()
                + ": "
                + s.url()
                + " (expected: an address outside params.limits.deny; it lies in "
                + denied.get()
                + ")");
      }
    }
    synchronized (admission) {
      // Checked again under the lock close() takes, so no session slips in behind it.
      if (!running) {
        throw new IllegalStateException("fisherman: closed (expected: a running engine)");
      }
      if (active.containsKey(session.sessionId()) || store.contains(session.sessionId())) {
        return new Admitted(Admission.DUPLICATE, summary(session.sessionId()));
      }
      Instant wallNow = clock.instant();
      long nanoNow = clock.nanoTime();
      // A session learnt late is sampled over what is left of it, never in a burst of past rounds.
      Instant from = session.startsAt().plus(qos.startDelay());
      if (from.isBefore(wallNow)) {
        from = wallNow;
      }
      Duration window =
          from.isBefore(session.endsAt())
              ? Duration.between(from, session.endsAt())
              : Duration.ZERO;
      int rounds =
          Math.min(qos.probesPerSession(), SamplingPlanner.maxRounds(window, minRoundSpacing));
      if (rounds == 0) {
        throw new IllegalArgumentException(
            "session "
                + session.sessionId()
                + ": no room for a single round: it ends at "
                + session.endsAt()
                + ", rounds may start at "
                + from
                + " (start + start_delay "
                + Durations.format(qos.startDelay())
                + ", or now) (expected: a session that ends at least min_round_spacing "
                + Durations.format(minRoundSpacing)
                + " after its first round can fire)");
      }
      SamplingPlan plan;
      synchronized (random) {
        plan = SamplingPlanner.plan(qos.distribution(), rounds, from, session.endsAt(), random);
      }
      plan = SamplingPlanner.spaced(plan, minRoundSpacing);
      Demand demand = demand(session, plan);
      refuseUnlessItFits(session.sessionId(), demand);
      SessionWriter record = store.open(session, plan);
      probeRateInUse += demand.probeRate();
      connectionsInUse += demand.connections();
      ActiveSession a =
          new ActiveSession(
              engine,
              session,
              plan,
              record,
              renderer,
              meters.get(session.service()),
              wallNow,
              nanoNow,
              ended -> {
                active.remove(ended.sessionId(), ended);
                sessionsVersion.incrementAndGet();
                selectionTables.sessionsChanged(ended.service());
                release(demand);
              });
      ledger.planned(a.plannedProbes());
      active.put(session.sessionId(), a);
      sessionsVersion.incrementAndGet();
      selectionTables.sessionsChanged(session.service());
      // Taken before its first round can fire: a short session may end, and a flood of ended
      // sessions evict it from the store, before the caller has answered its sender.
      Optional<SessionSummary> admitted = summary(session.sessionId());
      a.start();
      LOG.debug(
          "session {} admitted: {} rounds over {} servicers",
          session.sessionId(),
          plan.rounds(),
          session.servicers().size());
      return new Admitted(Admission.ACCEPTED, admitted);
    }
  }

  private Optional<SessionSummary> summary(String sessionId) {
    return store.summary(sessionId);
  }

  /** What a session takes of the budgets while it runs. */
  private record Demand(double probeRate, long connections) {}

  private Demand demand(SessionStarted session, SamplingPlan plan) {
    int servicers = session.servicers().size();
    double seconds = Math.max(plan.window().toNanos(), 1) / 1e9;
    double rate = (double) servicers * plan.rounds() / seconds;
    // A round's probes hold their connections for up to relay_timeout: the most rounds the plan
    // puts inside one relay_timeout is how many rounds' connections can be open at once.
    List<Instant> instants = plan.instants();
    int most = 0;
    int first = 0;
    for (int last = 0; last < instants.size(); last++) {
      Instant limit = instants.get(last).minus(qos.relayTimeout());
      while (!instants.get(first).isAfter(limit)) {
        first++;
      }
      most = Math.max(most, last - first + 1);
    }
    return new Demand(rate, (long) servicers * most);
  }

  /** Throws unless a session needing {@code d} fits in every budget; called under the lock. */
  private void refuseUnlessItFits(String sessionId, Demand d) {
    if (active.size() + 1 > maxActiveSessions) {
      throw new AdmissionRefusedException(
          sessionId,
          AdmissionRefusedException.Budget.ACTIVE_SESSIONS,
          1,
          active.size(),
          maxActiveSessions);
    }
    if (probeRateInUse + d.probeRate() > maxProbeRate) {
      throw new AdmissionRefusedException(
          sessionId,
          AdmissionRefusedException.Budget.PROBE_RATE,
          Math.ceil(d.probeRate()),
          Math.ceil(probeRateInUse),
          maxProbeRate);
    }
    if (connectionsInUse + d.connections() > maxConnections) {
      throw new AdmissionRefusedException(
          sessionId,
          AdmissionRefusedException.Budget.CONNECTIONS,
          d.connections(),
          connectionsInUse,
          maxConnections);
    }
  }

  private void release(Demand d) {
    synchronized (admission) {
      probeRateInUse = Math.max(0, probeRateInUse - d.probeRate());
      connectionsInUse -= d.connections();
      if (active.isEmpty()) {
        // Sums of doubles drift; nothing running holds nothing.
        probeRateInUse = 0;
      }
    }
  }

  @Override
  public Capacity capacity() {
    synchronized (admission) {
      return new Capacity(
          active.size(),
          maxActiveSessions,
          probeRateInUse,
          maxProbeRate,
          connectionsInUse,
          maxConnections,
          minRoundSpacing);
    }
  }

  @Override
  public boolean end(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    ActiveSession a = active.get(sessionId);
    return a != null && running && a.endAt(clock.nanoTime());
  }

  private static List<RoundJudge> allJudges(Genesis genesis, List<RoundJudge> extra) {
    List<RoundJudge> all = new ArrayList<>(Judges.of(genesis));
    all.addAll(extra);
    return List.copyOf(all);
  }

  @Override
  public Optional<Exclusion> excluding() {
    return selfHealth.excluding();
  }

  @Override
  public Reputation reputation() {
    return reputation;
  }

  @Override
  public List<Selected> select(String service, int n) {
    Counter served = selections.get(service);
    if (served == null) {
      throw new IllegalArgumentException(
          "service: \""
              + service
              + "\" (expected: one of "
              + genesis.services().stream().map(Service::id).toList()
              + ")");
    }
    SelectionTables.Table table = selectionTables.table(service);
    List<ServicerReputation> drawn = reputation.draw(table.pool(), n, selectionRandom);
    List<Selected> chosen = new ArrayList<>(drawn.size());
    for (int i = 0; i < drawn.size(); i++) {
      ServicerReputation r = drawn.get(i);
      chosen.add(new Selected(table.urls().get(r.address()), r));
    }
    served.increment(chosen.size());
    return chosen;
  }

  /** The URL of each servicer of {@code service}'s active sessions, by address. */
  private Map<String, URI> servicersOf(String service) {
    Map<String, URI> urls = new HashMap<>();
    for (ActiveSession a : active.values()) {
      if (a.service().equals(service)) {
        for (SessionServicer s : a.servicers()) {
          urls.putIfAbsent(s.address(), s.url());
        }
      }
    }
    return urls;
  }

  @Override
  public SessionStore store() {
    return store;
  }

  @Override
  public Accounting accounting() {
    return ledger.accounting();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public void close() {
    synchronized (admission) {
      if (!running) {
        return;
      }
      running = false;
    }
    engine.scheduler().shutdown();
    selectionRefresher.shutdownNow();
    for (ActiveSession a : List.copyOf(active.values())) {
      a.end();
    }
    // Probes already sent may finish within relay_timeout; whatever is left after that is
    // cancelled by closing the client.
    ledger.awaitNoneInFlight(qos.relayTimeout().toNanos());
    client.close();
    // The client completed every probe; their rounds may still be recording on event loops.
    ledger.awaitNoneInFlight(TimeUnit.SECONDS.toNanos(1));
    try {
      selectionRefresher.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.debug("fisherman closed: {}", accounting());
  }
}
