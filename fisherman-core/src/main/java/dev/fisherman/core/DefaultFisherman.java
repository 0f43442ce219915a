package dev.fisherman.core;

import dev.fisherman.core.relay.Observation;
import dev.fisherman.core.relay.Outcome;
import dev.fisherman.core.relay.ProbeLabel;
import dev.fisherman.core.relay.RelayClient;
import dev.fisherman.core.relay.RelayRequest;
import dev.fisherman.core.relay.RelayRequestTemplate;
import dev.fisherman.core.sampling.SamplingPlan;
import dev.fisherman.core.sampling.SamplingPlanner;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.CaffeineSessionStore;
import dev.fisherman.core.store.SessionRecord;
import dev.fisherman.core.store.SessionStore;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.Service;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine: admission and planning, round fan-out, recording, session end and shutdown. */
final class DefaultFisherman implements Fisherman {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultFisherman.class);

  /** JSON-RPC ids stay below 2^53 so clients that parse numbers as doubles keep them exact. */
  private static final long MAX_ID = 1L << 53;

  private final Genesis genesis;
  private final QosParams qos;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final RelayClient client;
  private final CaffeineSessionStore store;
  private final RoundScheduler scheduler;
  private final Map<String, RelayRequestTemplate> templates = new HashMap<>();
  private final Map<String, FishermanMetrics.ServiceMeters> meters = new HashMap<>();
  private final ConcurrentHashMap<String, ActiveSession> active = new ConcurrentHashMap<>();
  private final Object admission = new Object();
  private final LongAdder planned = new LongAdder();
  private final LongAdder recorded = new LongAdder();
  private final LongAdder cancelled = new LongAdder();
  private final AtomicLong inFlight = new AtomicLong();
  private volatile boolean running = true;

  DefaultFisherman(
      Genesis genesis,
      InstantSource clock,
      RandomGenerator random,
      RelayClient client,
      MeterRegistry registry,
      long storeMaxRecords) {
    this.genesis = genesis;
    this.qos = genesis.qos();
    this.clock = clock;
    this.random = random;
    this.client = client;
    for (Service service : genesis.services()) {
      templates.put(service.id(), RelayRequestTemplate.of(service));
      meters.put(
          service.id(),
          new FishermanMetrics.ServiceMeters(registry, service.id(), qos.relayTimeout()));
    }
    this.store = new CaffeineSessionStore(qos, clock, storeMaxRecords, registry);
    Gauge.builder(FishermanMetrics.SESSIONS_ACTIVE, active, Map::size)
        .description("Sessions whose rounds are still running")
        .register(registry);
    Gauge.builder(FishermanMetrics.PROBES_IN_FLIGHT, inFlight, AtomicLong::get)
        .description("Probes sent whose outcome is not decided yet")
        .register(registry);
    Gauge.builder(FishermanMetrics.STORE_SESSIONS, store, CaffeineSessionStore::size)
        .description("Sessions retained in the session store")
        .register(registry);
    Gauge.builder(FishermanMetrics.STORE_WEIGHT, store, CaffeineSessionStore::weight)
        .description("Servicer records plus one per session retained in the session store")
        .register(registry);
    if (qos.distribution() == Distribution.FIXED) {
      LOG.warn(
          "params.qos.distribution is fixed: probe instants are evenly spaced and predictable"
              + " to servicers");
    }
    this.scheduler = new RoundScheduler("fisherman-rounds");
  }

  @Override
  public Admission submit(SessionStarted session) {
    Objects.requireNonNull(session, "session");
    if (!running) {
      throw new IllegalStateException("fisherman: closed (expected: a running engine)");
    }
    RelayRequestTemplate template = templates.get(session.service());
    if (template == null) {
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
      long nanoNow = System.nanoTime();
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
      SessionRecord record = store.open(session, plan);
      ActiveSession a =
          new ActiveSession(
              this,
              session,
              plan,
              record,
              template,
              meters.get(session.service()),
              wallNow,
              nanoNow);
      planned.add((long) plan.rounds() * a.servicers.length);
      active.put(session.sessionId(), a);
      if (!scheduler.schedule(a, a.firstDeadline())) {
        endSession(a);
      }
      LOG.debug(
          "session {} admitted: {} rounds over {} servicers",
          session.sessionId(),
          plan.rounds(),
          a.servicers.length);
    }
    return Admission.ACCEPTED;
  }

  void reschedule(ActiveSession a, long deadline) {
    if (!scheduler.schedule(a, deadline)) {
      // Closing: close() cancels what is left of every active session.
      LOG.debug("session {} not rescheduled: closing", a.session.sessionId());
    }
  }

  /** Runs on the scheduler thread at the round's instant. */
  void fireRound(ActiveSession a, int round) {
    long id;
    synchronized (random) {
      id = random.nextLong(1, MAX_ID);
    }
    // Rendered once: every servicer of the round gets these very bytes.
    RelayRequest request = a.template.render(id);
    Instant intendedAt = a.instants.get(round);
    long intendedNanos = a.deadlines[round];
    SessionServicer[] servicers = a.servicers;
    ActiveSession.Round fanOut = new ActiveSession.Round(a, servicers.length);
    a.record.roundFired();
    a.meters.servicers.record(servicers.length);
    String sessionId = a.session.sessionId();
    List<ProbeLabel> labels = new ArrayList<>(servicers.length);
    for (SessionServicer s : servicers) {
      labels.add(new ProbeLabel(sessionId, s.address(), round, intendedAt, intendedNanos));
    }
    inFlight.addAndGet(servicers.length);
    List<CompletableFuture<Observation>> futures;
    try {
      futures = client.fanOut(a.urls, request, labels);
    } catch (RuntimeException e) {
      // The client refused the round outright; its probes still have to be accounted for.
      LOG.warn("round {} of session {} not sent", round, sessionId, e);
      for (int k = 0; k < servicers.length; k++) {
        onObservation(a, fanOut, k, intendedNanos, notSent(labels.get(k), e));
      }
      return;
    }
    for (int k = 0; k < servicers.length; k++) {
      int index = k;
      futures.get(k).whenComplete((o, error) -> onObservation(a, fanOut, index, intendedNanos, o));
    }
  }

  private static Observation notSent(ProbeLabel label, RuntimeException e) {
    return new Observation(
        label.sessionId(),
        label.servicer(),
        label.round(),
        label.intendedAt(),
        0,
        OptionalLong.empty(),
        OptionalLong.empty(),
        0,
        Outcome.CANCELLED,
        OptionalInt.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        "not sent: " + e.getMessage());
  }

  private void onObservation(
      ActiveSession a, ActiveSession.Round round, int servicer, long intendedNanos, Observation o) {
    try {
      a.record.record(servicer, o);
      a.meters.probe(o.outcome(), o.totalNanos());
      if (o.outcome() == Outcome.CANCELLED) {
        cancelled.increment();
      } else {
        recorded.increment();
        a.meters.lateness.record(Math.max(0, o.latenessNanos()), TimeUnit.NANOSECONDS);
      }
      round.done(o, intendedNanos);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** Runs on the scheduler thread at the session's end, or in close() once that thread stopped. */
  void endSession(ActiveSession a) {
    if (a.ended) {
      return;
    }
    a.ended = true;
    int unfired = a.deadlines.length - a.next;
    a.next = a.deadlines.length;
    if (unfired > 0) {
      long probes = (long) unfired * a.servicers.length;
      a.record.cancelRounds(unfired);
      cancelled.add(probes);
      a.meters.probes[Outcome.CANCELLED.ordinal()].increment(probes);
    }
    a.record.end();
    active.remove(a.session.sessionId(), a);
    LOG.debug("session {} ended, {} rounds cancelled", a.session.sessionId(), unfired);
  }

  @Override
  public SessionStore store() {
    return store;
  }

  @Override
  public Accounting accounting() {
    return new Accounting(planned.sum(), recorded.sum(), cancelled.sum(), inFlight.get());
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void awaitNoneInFlight(long nanos) {
    long deadline = System.nanoTime() + nanos;
    while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  @Override
  public void close() {
    synchronized (admission) {
      if (!running) {
        return;
      }
      running = false;
    }
    scheduler.shutdown();
    List<ActiveSession> sessions = List.copyOf(active.values());
    for (ActiveSession a : sessions) {
      endSession(a);
    }
    // Probes already sent may finish within relay_timeout; whatever is left after that is
    // cancelled by closing the client.
    awaitNoneInFlight(qos.relayTimeout().toNanos());
    client.close();
    // The client completed every probe; their callbacks may still be finishing on event loops.
    awaitNoneInFlight(TimeUnit.SECONDS.toNanos(1));
    LOG.debug("fisherman closed: {}", accounting());
  }
}
