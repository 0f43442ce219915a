package dev.fisherman.core.store;

import dev.fisherman.core.probe.Exclusion;
import dev.fisherman.core.probe.Finding;
import dev.fisherman.core.probe.Head;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.sampling.SamplingPlan;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.genesis.QosParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One session in the store: the engine records observations and round progress here through {@link
 * SessionWriter}, readers take snapshots. Thread-safe.
 */
final class SessionRecord implements SessionWriter {
  private final String sessionId;
  private final String service;
  private final Instant startsAt;
  private final Instant endsAt;
  private final List<Instant> instants;
  private final QosParams qos;
  private final ServicerAggregate[] servicers;
  private final Map<String, Integer> index;
  private final AtomicInteger roundsDone = new AtomicInteger();
  private volatile SessionState state = SessionState.ACTIVE;
  private volatile Head head;
  private final AtomicLong excludedNetwork = new AtomicLong();
  private final AtomicLong excludedStalled = new AtomicLong();

  SessionRecord(SessionStarted session, SamplingPlan plan, QosParams qos) {
    this.sessionId = session.sessionId();
    this.service = session.service();
    this.startsAt = session.startsAt();
    this.endsAt = session.endsAt();
    this.instants = plan.instants();
    this.qos = qos;
    List<SessionServicer> list = session.servicers();
    this.servicers = new ServicerAggregate[list.size()];
    this.index = HashMap.newHashMap(list.size());
    for (int i = 0; i < servicers.length; i++) {
      SessionServicer s = list.get(i);
      servicers[i] = new ServicerAggregate(s.address(), s.url(), plan.rounds());
      index.put(s.address(), i);
    }
  }

  /** The session's id. */
  public String sessionId() {
    return sessionId;
  }

  /** Wall-clock start of the session window. */
  public Instant startsAt() {
    return startsAt;
  }

  /** Wall-clock end of the session window. */
  public Instant endsAt() {
    return endsAt;
  }

  /** Number of servicers, i.e. probes per round. */
  public int servicerCount() {
    return servicers.length;
  }

  @Override
  public void record(int servicer, Observation observation) {
    servicers[servicer].record(observation);
  }

  @Override
  public void judged(RoundResult round) {
    round.head().ifPresent(h -> head = h);
    round
        .excluded()
        .ifPresent(
            r ->
                (r == Exclusion.FISHERMAN_NETWORK ? excludedNetwork : excludedStalled)
                    .incrementAndGet());
    List<Finding> findings = round.findings();
    for (int k = 0; k < findings.size() && k < servicers.length; k++) {
      if (!findings.get(k).equals(Finding.NONE)) {
        servicers[k].judged(findings.get(k));
      }
    }
  }

  @Override
  public void roundFired() {
    roundsDone.incrementAndGet();
  }

  @Override
  public void cancelRounds(int rounds) {
    if (rounds > 0) {
      for (ServicerAggregate s : servicers) {
        s.cancelled(rounds);
      }
    }
  }

  @Override
  public void end() {
    state = SessionState.ENDED;
  }

  /** Whether the session has ended. */
  public SessionState state() {
    return state;
  }

  /** How long the session's results stay in the store after it started. */
  Duration lifetimeFromStart(int retentionSessions) {
    Duration length = Duration.between(startsAt, endsAt);
    return length.plus(length.multipliedBy(retentionSessions));
  }

  /** Weight in the store: one unit per servicer record plus one for the session itself. */
  int weight() {
    return servicers.length + 1;
  }

  /** The one-line summary. */
  public SessionSummary summary() {
    return new SessionSummary(
        sessionId,
        service,
        startsAt,
        endsAt,
        state,
        instants.size(),
        roundsDone.get(),
        servicers.length,
        Optional.ofNullable(head),
        new ExcludedRounds(excludedNetwork.get(), excludedStalled.get()));
  }

  /** The session and every servicer's QoS, in session order. */
  public SessionReport report() {
    SessionSummary summary = summary();
    List<ServicerQos> list = new ArrayList<>(servicers.length);
    for (ServicerAggregate s : servicers) {
      list.add(s.snapshot(qos));
    }
    return new SessionReport(summary, list);
  }

  /** One servicer with its last observations. */
  public Optional<ServicerDetail> servicer(String address) {
    Integer i = index.get(address);
    if (i == null) {
      return Optional.empty();
    }
    ServicerAggregate s = servicers[i];
    return Optional.of(
        new ServicerDetail(summary(), s.snapshot(qos), s.lastObservations(sessionId, instants)));
  }

  /** Observations recorded for servicer number {@code servicer}, cancelled ones included. */
  public long probes(int servicer) {
    return servicers[servicer].probes();
  }
}
