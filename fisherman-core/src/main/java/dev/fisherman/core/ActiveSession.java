package dev.fisherman.core;

import dev.fisherman.core.export.SessionExport;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.core.probe.RoundJudge;
import dev.fisherman.core.probe.RoundKind;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.core.relay.RelayRequest;
import dev.fisherman.core.reputation.Reputation;
import dev.fisherman.core.sampling.SamplingPlan;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.SessionWriter;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session whose rounds are running, and the only owner of its round loop: one scheduler task that
 * fires round after round, records each complete round (after the round judges) and then ends the
 * session. Its progress is touched only by the scheduler thread (and by {@link #end()} from close()
 * after that thread has stopped).
 */
final class ActiveSession extends RoundScheduler.Task {
  private static final Logger LOG = LoggerFactory.getLogger(ActiveSession.class);

  /** What a session needs from the engine; shared by all sessions. */
  record Engine(
      RoundScheduler scheduler,
      FanOut fanOut,
      Ledger ledger,
      List<RoundJudge> judges,
      RandomGenerator random,
      List<URI> canaries,
      SelfHealth selfHealth,
      Reputation reputation,
      SessionExport export,
      ServicerMeters servicerMeters,
      Consumer<String> onFinished) {}

  /**
   * How long before a round its connections are checked and, where none is idle, opened: servicers
   * close idle connections (often after a few seconds), and a probe that connects inside its round
   * measures the handshake and sends later than its peers.
   */
  static final long PREPARE_AHEAD_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** How long past a round's instant its event loops are kept awake (the sends take this long). */
  static final long HOT_AFTER_NANOS = TimeUnit.MICROSECONDS.toNanos(150);

  /**
   * A relay protocol that signs every probe (Shannon) costs time per servicer; the round is signed
   * ahead of its instant by twice the last measured cost plus this margin, so that signing is not
   * lateness. Before the first measurement, {@link #SIGN_GUESS_NANOS} per servicer is assumed.
   */
  static final long SIGN_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  static final long SIGN_GUESS_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  /** A round's relay, wrapped for every servicer before its instant. */
  private record Signed(int round, RoundKind kind, OptionalLong asked, RelayRequest request) {}

  /** What a round asks: its kind, the height an integrity round asks for, and its relays. */
  private record Ask(RoundKind kind, OptionalLong asked, LongFunction<RelayRequest> renderer) {}

  private final Engine engine;
  private final SessionStarted session;
  // Servicers and canaries: every URL a round probes.
  private final List<URI> targets;
  private final RoundScheduler.Task prepare =
      new RoundScheduler.Task() {
        @Override
        void run() {
          if (!ended) {
            engine.fanOut().prepare(targets);
          }
        }
      };
  private final List<String> addresses;
  private final List<URI> urls;
  private final List<Instant> instants;
  private final long[] deadlines;
  private final long endDeadline;
  private final long admittedNanos;
  private final SessionWriter record;
  private final ServiceRounds rounds;
  private final RoundKind[] kinds;
  private final FishermanMetrics.ServiceMeters meters;
  private final Consumer<ActiveSession> onEnded;
  private int next;
  private volatile boolean ended;
  // Rounds sent and rounds recorded: the session is finished once it ended and they are equal.
  private final AtomicInteger fired = new AtomicInteger();
  private final AtomicInteger completed = new AtomicInteger();
  private volatile boolean closedOut;
  private final AtomicBoolean finished = new AtomicBoolean();
  // The latest agreed head, written by the thread that records a round, read when one fires.
  private volatile long lastHead = -1;
  // A signed round made ahead of its instant (round thread only), and how long signing one
  // servicer's relay took last time, which sets how far ahead the next one is made.
  private Signed signed;
  private long signNanosPerServicer = SIGN_GUESS_NANOS;

  /**
   * @param nanoNow the engine clock's reading at {@code wallNow}, both taken at admission
   * @param onEnded runs once when the session ends
   */
  ActiveSession(
      Engine engine,
      SessionStarted session,
      SamplingPlan plan,
      SessionWriter record,
      ServiceRounds rounds,
      FishermanMetrics.ServiceMeters meters,
      Instant wallNow,
      long nanoNow,
      Consumer<ActiveSession> onEnded) {
    this.engine = engine;
    this.session = session;
    this.addresses = session.servicers().stream().map(SessionServicer::address).toList();
    this.urls = session.servicers().stream().map(SessionServicer::url).toList();
    List<URI> all = new ArrayList<>(urls);
    all.addAll(engine.canaries());
    this.targets = List.copyOf(all);
    this.instants = plan.instants();
    this.record = record;
    this.rounds = rounds;
    this.kinds = rounds.plan(instants.size(), engine.random());
    this.meters = meters;
    this.onEnded = onEnded;
    // Wall instants are mapped onto the monotonic scale once, at admission, so a wall-clock step
    // later cannot make rounds fire early or late.
    this.deadlines = new long[instants.size()];
    for (int i = 0; i < deadlines.length; i++) {
      deadlines[i] = nanoNow + nanosBetween(wallNow, instants.get(i));
    }
    this.endDeadline = nanoNow + nanosBetween(wallNow, session.endsAt());
    this.admittedNanos = nanoNow;
  }

  private static long nanosBetween(Instant from, Instant to) {
    long seconds = to.getEpochSecond() - from.getEpochSecond();
    return seconds * 1_000_000_000L + (to.getNano() - from.getNano());
  }

  /** The session's service. */
  String service() {
    return session.service();
  }

  /** The session's servicers, in session order. */
  List<SessionServicer> servicers() {
    return session.servicers();
  }

  String sessionId() {
    return session.sessionId();
  }

  /** Probes the plan holds: rounds × servicers. */
  long plannedProbes() {
    return (long) deadlines.length * addresses.size();
  }

  /**
   * Schedules the first round (or the end); ends the session at once when the engine is closing.
   */
  void start() {
    engine.servicerMeters().join(session.service(), addresses);
    if (!engine.scheduler().schedule(this, deadlines.length > 0 ? deadlines[0] : endDeadline)) {
      end();
      return;
    }
    // Connections are opened at admission, not inside the first round, and checked again ahead
    // of a first round that is far off.
    if (deadlines.length > 0) {
      signAhead(0);
      engine.fanOut().prepare(targets);
      if (deadlines[0] - admittedNanos > 2 * PREPARE_AHEAD_NANOS) {
        engine.scheduler().schedule(prepare, deadlines[0] - PREPARE_AHEAD_NANOS);
      }
    }
  }

  /**
   * Keeps the probe event loops awake from now until {@link #HOT_AFTER_NANOS} past the round's
   * instant: its sends then land on running loops instead of waiting for them to wake.
   */
  @Override
  void heat() {
    if (!ended && next < deadlines.length) {
      long now = engine.scheduler().clock().nanoTime();
      engine.fanOut().heat(deadlines[next] - now + HOT_AFTER_NANOS);
    }
  }

  @Override
  void run() {
    if (ended) {
      return;
    }
    if (next < deadlines.length) {
      int round = next++;
      fire(round);
      long deadline = next < deadlines.length ? deadlines[next] : endDeadline;
      if (next < deadlines.length) {
        signAhead(next);
      }
      if (!engine.scheduler().schedule(this, deadline)) {
        // Closing: close() ends what is left of every active session.
        LOG.debug("session {} not rescheduled: closing", session.sessionId());
      } else if (next < deadlines.length && deadline - deadlines[round] > 2 * PREPARE_AHEAD_NANOS) {
        // A long gap: the round's connections may be gone by then; reopen them ahead of it.
        engine.scheduler().schedule(prepare, deadline - PREPARE_AHEAD_NANOS);
      }
    } else {
      end();
    }
  }

  /**
   * For a session whose relays are signed per servicer, schedules the signing of {@code round}
   * ahead of its instant (a task of its own each time, so a late one never sits in the queue
   * twice).
   */
  private void signAhead(int round) {
    if (session.envelope().direct()) {
      return;
    }
    long lead = 2 * signNanosPerServicer * addresses.size() + SIGN_MARGIN_NANOS;
    engine
        .scheduler()
        .schedule(
            new RoundScheduler.Task() {
              @Override
              void run() {
                if (!ended && next == round) {
                  signed = sign(round);
                }
              }
            },
            deadlines[round] - lead);
  }

  /** Wraps (and signs) {@code round}'s relay for every servicer, and times it. */
  private Signed sign(int round) {
    Ask ask = ask(round);
    long id = engine.fanOut().drawId();
    long t0 = engine.scheduler().clock().nanoTime();
    RelayRequest request = ask.renderer().apply(id).within(session.envelope(), addresses);
    long took = engine.scheduler().clock().nanoTime() - t0;
    signNanosPerServicer = Math.max(1, took / Math.max(1, addresses.size()));
    return new Signed(round, ask.kind(), ask.asked(), request);
  }

  /** What {@code round} asks, from its planned kind and the latest agreed head. */
  private Ask ask(int round) {
    RoundKind kind = kinds[round];
    LongFunction<RelayRequest> renderer = rounds.sampling();
    OptionalLong asked = OptionalLong.empty();
    if (kind == RoundKind.CHAIN) {
      renderer = rounds.chain();
    } else if (kind == RoundKind.INTEGRITY) {
      long head = lastHead;
      long height = head < 0 ? -1 : head - rounds.offset(engine.random());
      Optional<LongFunction<RelayRequest>> integrity =
          height >= 1 ? rounds.integrity(height) : Optional.empty();
      if (integrity.isPresent()) {
        renderer = integrity.get();
        asked = OptionalLong.of(height);
      } else {
        // No agreed head yet (or too low a chain): an ordinary round instead.
        kind = RoundKind.SAMPLE;
      }
    }
    return new Ask(kind, asked, renderer);
  }

  private void fire(int round) {
    fired.incrementAndGet();
    record.roundFired();
    meters.servicers.record(addresses.size());
    RoundKind kind;
    OptionalLong asked;
    LongFunction<RelayRequest> renderer;
    Signed ahead = signed;
    signed = null;
    if (ahead != null && ahead.round() == round) {
      // Signed ahead of the instant: the round leaves with those bytes.
      kind = ahead.kind();
      asked = ahead.asked();
      renderer = id -> ahead.request();
    } else if (!session.envelope().direct()) {
      // Not signed in time (the first measurement, or a busy round thread): signed now.
      Signed now = sign(round);
      kind = now.kind();
      asked = now.asked();
      renderer = id -> now.request();
    } else {
      Ask ask = ask(round);
      kind = ask.kind();
      asked = ask.asked();
      renderer = ask.renderer();
    }
    engine
        .fanOut()
        .send(
            new FanOut.Target(
                session.sessionId(),
                session.service(),
                addresses,
                urls,
                renderer,
                round,
                instants.get(round),
                deadlines[round],
                kind,
                asked,
                engine.canaries()),
            this::complete);
  }

  /** A round came back whole: judged, then every observation recorded. */
  private void complete(RoundResult round) {
    int probes = round.observations().size();
    try {
      RoundResult judged = round;
      for (RoundJudge judge : engine.judges()) {
        judged = judge.judge(judged);
      }
      judged.head().ifPresent(h -> lastHead = h.height());
      engine.selfHealth().round(judged.excluded());
      record(judged);
      engine.reputation().record(judged);
      engine.export().round(judged);
    } finally {
      engine.ledger().landed(probes);
      if (completed.incrementAndGet() == fired.get() && closedOut) {
        finish();
      }
    }
  }

  /** Hands the final report over once: the session ended and its last round is recorded. */
  private void finish() {
    if (finished.compareAndSet(false, true)) {
      engine.servicerMeters().leave(session.service(), addresses);
      engine.onFinished().accept(session.sessionId());
    }
  }

  private RoundResult cancelledRound(int round) {
    List<Observation> out = new ArrayList<>(addresses.size());
    for (String address : addresses) {
      out.add(
          new Observation(
              session.sessionId(),
              address,
              round,
              instants.get(round),
              0,
              OptionalLong.empty(),
              OptionalLong.empty(),
              0,
              Outcome.CANCELLED,
              OptionalInt.empty(),
              OptionalLong.empty(),
              ProbeFacts.NONE,
              "session ended before the round fired"));
    }
    return new RoundResult(session.sessionId(), session.service(), round, instants.get(round), out);
  }

  private void record(RoundResult round) {
    List<Observation> observations = round.observations();
    for (int k = 0; k < observations.size(); k++) {
      Observation o = observations.get(k);
      record.record(k, o);
      meters.probe(o.outcome(), o.totalNanos());
      engine.servicerMeters().probes(service(), o.servicer(), o.outcome(), 1, o.totalNanos());
      engine.ledger().recorded(o.outcome());
      if (o.outcome() != Outcome.CANCELLED) {
        meters.lateness.record(Math.max(0, o.latenessNanos()), TimeUnit.NANOSECONDS);
      }
    }
    record.judged(round);
    meters.judged(round);
    round.fanOutSkewNanos().ifPresent(skew -> meters.skew.record(skew, TimeUnit.NANOSECONDS));
  }

  /**
   * Ends the session at {@code deadline} (engine clock) instead of at its {@code endsAt}. The end
   * runs on the scheduler thread like every round, so it cannot interleave with one; false when the
   * scheduler is closing (close() ends the session then).
   */
  boolean endAt(long deadline) {
    if (ended) {
      return false;
    }
    return engine
        .scheduler()
        .schedule(
            new RoundScheduler.Task() {
              @Override
              void run() {
                end();
              }
            },
            deadline);
  }

  /**
   * Ends the session: rounds that never fired are recorded as cancelled. Runs on the scheduler
   * thread at the session's end, or in close() once that thread stopped; only the first call acts.
   */
  void end() {
    if (ended) {
      return;
    }
    ended = true;
    int unfired = deadlines.length - next;
    int firstUnfired = next;
    next = deadlines.length;
    if (unfired > 0) {
      long probes = (long) unfired * addresses.size();
      record.cancelRounds(unfired);
      engine.ledger().cancelled(probes);
      meters.probes[Outcome.CANCELLED.ordinal()].increment(probes);
      for (String address : addresses) {
        engine.servicerMeters().probes(service(), address, Outcome.CANCELLED, unfired, 0);
      }
    }
    record.end();
    if (engine.export().wantsRounds()) {
      for (int r = firstUnfired; r < deadlines.length; r++) {
        engine.export().round(cancelledRound(r));
      }
    }
    closedOut = true;
    // No longer active before it is finished: whoever sees the finish (its servicer series gone,
    // its export written) sees the session out of selection too.
    onEnded.accept(this);
    if (completed.get() == fired.get()) {
      finish();
    }
    LOG.debug("session {} ended, {} rounds cancelled", session.sessionId(), unfired);
  }
}
