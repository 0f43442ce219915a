package dev.fisherman.daemon.testing;

import dev.fisherman.core.Accounting;
import dev.fisherman.core.Admission;
import dev.fisherman.core.Admitted;
import dev.fisherman.core.Capacity;
import dev.fisherman.core.Fisherman;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.qos.Verdicts;
import dev.fisherman.core.reputation.Reputation;
import dev.fisherman.core.reputation.Selected;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.ServicerDetail;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.core.store.SessionState;
import dev.fisherman.core.store.SessionStore;
import dev.fisherman.core.store.SessionSummary;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.daemon.source.SessionSink;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.ReputationParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An engine stand-in: remembers submitted sessions and serves whatever QoS a test puts in, so the
 * daemon's sources and admin port can be tested without probing anything.
 */
public final class FakeFisherman implements Fisherman {
  private final int roundsPerSession;
  private final Map<String, SessionReport> reports = new ConcurrentHashMap<>();
  private final Map<String, List<Observation>> observations = new ConcurrentHashMap<>();
  private final List<SessionStarted> submitted = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;
  private final Reputation reputation =
      Reputation.create(
          ReputationParams.DEFAULTS,
          QosParams.DEFAULTS,
          FishermanClock.system(),
          Reputation.DEFAULT_MAX_SERVICERS,
          cause -> {});
  private volatile Accounting accounting = new Accounting(0, 0, 0, 0);
  private volatile RuntimeException refusal;
  private volatile boolean forgetOnAdmission;

  public FakeFisherman(int roundsPerSession) {
    this.roundsPerSession = roundsPerSession;
  }

  @Override
  public Admission submit(SessionStarted s) {
    return admit(s).admission();
  }

  @Override
  public synchronized Admitted admit(SessionStarted s) {
    if (!running) {
      throw new IllegalStateException("engine: closed");
    }
    SessionReport known = reports.get(s.sessionId());
    if (known != null) {
      return new Admitted(Admission.DUPLICATE, Optional.of(known.summary()));
    }
    if (refusal != null) {
      throw refusal;
    }
    submitted.add(s);
    List<ServicerQos> qos = new ArrayList<>();
    for (SessionServicer ss : s.servicers()) {
      qos.add(unknown(ss));
    }
    reports.put(
        s.sessionId(),
        new SessionReport(
            new SessionSummary(
                s.sessionId(),
                s.service(),
                s.startsAt(),
                s.endsAt(),
                SessionState.ACTIVE,
                roundsPerSession,
                0,
                s.servicers().size()),
            qos));
    Optional<SessionSummary> admitted = Optional.of(reports.get(s.sessionId()).summary());
    if (forgetOnAdmission) {
      // As if the session ended at once and a flood of ended sessions evicted it from the store.
      reports.remove(s.sessionId());
    }
    return new Admitted(Admission.ACCEPTED, admitted);
  }

  /** From now on a session leaves the store right after its admission. */
  public void forgetOnAdmission() {
    forgetOnAdmission = true;
  }

  /** This engine as the sink the daemon hands its sources. */
  public SessionSink sink() {
    FakeFisherman engine = this;
    return new SessionSink() {
      @Override
      public Admission submit(SessionStarted session) {
        return engine.submit(session);
      }

      @Override
      public Admitted admit(SessionStarted session) {
        return engine.admit(session);
      }
    };
  }

  private static ServicerQos unknown(SessionServicer s) {
    return new ServicerQos(
        s.address(),
        s.url(),
        0,
        Map.of(),
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty(),
        new Verdicts(Verdicts.Available.UNKNOWN, Verdicts.Latency.UNKNOWN),
        OptionalLong.empty());
  }

  /** Replaces a session's report, e.g. with measured QoS. */
  public void put(SessionReport report) {
    reports.put(report.summary().sessionId(), report);
  }

  /** Sets the last observations one servicer of one session shows. */
  public void putObservations(String sessionId, String address, List<Observation> last) {
    observations.put(sessionId + "/" + address, List.copyOf(last));
  }

  public void setAccounting(Accounting accounting) {
    this.accounting = accounting;
  }

  /** Every accepted session, in order. */
  public List<SessionStarted> submitted() {
    return List.copyOf(submitted);
  }

  @Override
  public SessionStore store() {
    return store;
  }

  @Override
  public Accounting accounting() {
    return accounting;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public void close() {
    running = false;
  }

  private final SessionStore store =
      new SessionStore() {
        @Override
        public List<SessionSummary> sessions() {
          return reports.values().stream()
              .map(SessionReport::summary)
              .sorted(
                  Comparator.comparing(SessionSummary::startsAt)
                      .reversed()
                      .thenComparing(SessionSummary::sessionId))
              .toList();
        }

        @Override
        public Optional<SessionReport> session(String sessionId) {
          return Optional.ofNullable(reports.get(sessionId));
        }

        @Override
        public Optional<ServicerDetail> servicer(String sessionId, String address) {
          return session(sessionId)
              .flatMap(
                  r ->
                      r.servicers().stream()
                          .filter(q -> q.address().equals(address))
                          .findFirst()
                          .map(
                              q ->
                                  new ServicerDetail(
                                      r.summary(),
                                      q,
                                      observations.getOrDefault(
                                          sessionId + "/" + address, List.of()))));
        }

        @Override
        public List<ServicerDetail> servicerAcrossSessions(String address) {
          List<ServicerDetail> out = new ArrayList<>();
          for (SessionSummary s : sessions()) {
            servicer(s.sessionId(), address).ifPresent(out::add);
          }
          return out;
        }

        @Override
        public long size() {
          return reports.size();
        }
      };

  /** New sessions are refused with {@code e} from now on (null: admitted again). */
  public void refuseWith(RuntimeException e) {
    this.refusal = e;
  }

  @Override
  public Capacity capacity() {
    return new Capacity(reports.size(), 1_000, 0, 10_000, 0, 10_000, Duration.ofMillis(10));
  }

  @Override
  public Reputation reputation() {
    return reputation;
  }

  private volatile List<Selected> selection = List.of();

  /** What {@link #select} hands out from now on (at most {@code n} of it). */
  public void selection(List<Selected> selected) {
    this.selection = List.copyOf(selected);
  }

  @Override
  public List<Selected> select(String service, int n) {
    List<Selected> s = selection;
    return s.subList(0, Math.min(n, s.size()));
  }
}
