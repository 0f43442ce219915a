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
import dev.fisherman.core.store.SessionWriter;
import dev.fisherman.core.store.WritableSessionStore;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.Service;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
  private final Object admission = new Object();
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
      SessionExport export,
      List<RoundJudge> judges) {
    this.genesis = genesis;
    this.qos = genesis.qos();
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
            id -> store.session(id).ifPresent(export::finished));
  }

  @Override
  public Admission submit(SessionStarted session) {
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
    synchronized (admission) {
      // Checked again under the lock close() takes, so no session slips in behind it.
      if (!running) {
        throw new IllegalStateException("fisherman: closed (expected: a running engine)");
      }
      if (active.containsKey(session.sessionId()) || store.contains(session.sessionId())) {
        return Admission.DUPLICATE;
      }
      Instant wallNow = clock.instant();
      long nanoNow = clock.nanoTime();
      // A session learnt late is sampled over what is left of it, never in a burst of past rounds.
      Instant from = session.startsAt().plus(qos.startDelay());
      if (from.isBefore(wallNow)) {
        from = wallNow;
      }
      SamplingPlan plan;
      synchronized (random) {
        plan =
            SamplingPlanner.plan(
                qos.distribution(), qos.probesPerSession(), from, session.endsAt(), random);
      }
      SessionWriter record = store.open(session, plan);
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
              ended -> active.remove(ended.sessionId(), ended));
      ledger.planned(a.plannedProbes());
      active.put(session.sessionId(), a);
      a.start();
      LOG.debug(
          "session {} admitted: {} rounds over {} servicers",
          session.sessionId(),
          plan.rounds(),
          session.servicers().size());
    }
    return Admission.ACCEPTED;
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
    Map<String, URI> urls = new HashMap<>();
    for (ActiveSession a : active.values()) {
      if (a.service().equals(service)) {
        for (SessionServicer s : a.servicers()) {
          urls.putIfAbsent(s.address(), s.url());
        }
      }
    }
    List<Selected> chosen = new ArrayList<>();
    for (ServicerReputation r : reputation.select(urls.keySet(), n, selectionRandom)) {
      chosen.add(new Selected(urls.get(r.address()), r));
    }
    served.increment(chosen.size());
    return chosen;
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
    for (ActiveSession a : List.copyOf(active.values())) {
      a.end();
    }
    // Probes already sent may finish within relay_timeout; whatever is left after that is
    // cancelled by closing the client.
    ledger.awaitNoneInFlight(qos.relayTimeout().toNanos());
    client.close();
    // The client completed every probe; their rounds may still be recording on event loops.
    ledger.awaitNoneInFlight(TimeUnit.SECONDS.toNanos(1));
    LOG.debug("fisherman closed: {}", accounting());
  }
}
