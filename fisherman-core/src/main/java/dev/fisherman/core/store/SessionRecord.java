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
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
  // Open addressing from an address to its servicer's position + 1 (0: empty), at most half full.
  private final int[] index;
  private final AtomicInteger roundsDone = new AtomicInteger();
  private volatile SessionState state = SessionState.ACTIVE;
  private volatile Runnable onEnd;
  private volatile Head head;
  private final AtomicLong excludedNetwork = new AtomicLong();
  private final AtomicLong excludedStalled = new AtomicLong();

  /**
   * The record of {@code session}; each servicer's address and URL come from {@code addresses} and
   * {@code urls}, so that a servicer recurring across sessions is held once.
   */
  SessionRecord(
      SessionStarted session,
      SamplingPlan plan,
      QosParams qos,
      Interner<String> addresses,
      Interner<URI> urls) {
    this.sessionId = session.sessionId();
    this.service = session.service();
    this.startsAt = session.startsAt();
    this.endsAt = session.endsAt();
    this.instants = plan.instants();
    this.qos = qos;
    List<SessionServicer> list = session.servicers();
    this.servicers = new ServicerAggregate[list.size()];
    this.index = new int[Integer.highestOneBit(Math.max(1, servicers.length) * 2 - 1) << 1];
    for (int i = 0; i < servicers.length; i++) {
      SessionServicer s = list.get(i);
      servicers[i] =
          new ServicerAggregate(addresses.intern(s.address()), urls.intern(s.url()), plan.rounds());
      index[slot(s.address())] = i + 1;
    }
  }

  /** The index slot that holds {@code address}, or the empty slot where it belongs. */
  private int slot(String address) {
    int mask = index.length - 1;
    int h = address.hashCode();
    int k = (h ^ (h >>> 16)) & mask;
    while (index[k] != 0 && !servicers[index[k] - 1].address.equals(address)) {
      k = (k + 1) & mask;
    }
    return k;
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
    Runnable r = onEnd;
    if (r != null) {
      r.run();
    }
  }

  /** Runs once the session has ended: the store re-weighs the record then. */
  void onEnd(Runnable r) {
    this.onEnd = r;
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

  /**
   * Weight in the store: one unit per servicer record plus one for the session itself once the
   * session has ended, and none while it is active. Caffeine never evicts an entry of weight zero,
   * so a flood of sessions cannot push out one whose rounds are still running; admission bounds how
   * many of those there are.
   */
  int weight() {
    return state == SessionState.ACTIVE ? 0 : servicers.length + 1;
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
    int i = index[slot(address)];
    if (i == 0) {
      return Optional.empty();
    }
    ServicerAggregate s = servicers[i - 1];
    return Optional.of(
        new ServicerDetail(summary(), s.snapshot(qos), s.lastObservations(sessionId, instants)));
  }

  /** Observations recorded for servicer number {@code servicer}, cancelled ones included. */
  public long probes(int servicer) {
    return servicers[servicer].probes();
  }
}
