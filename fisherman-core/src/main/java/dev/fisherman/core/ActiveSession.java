package dev.fisherman.core;

import dev.fisherman.core.relay.Observation;
import dev.fisherman.core.relay.Outcome;
import dev.fisherman.core.relay.RelayRequestTemplate;
import dev.fisherman.core.sampling.SamplingPlan;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.SessionRecord;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A session whose rounds are running: one scheduler task that fires round after round and then ends
 * the session. {@link #next} is touched only by the scheduler thread (and by close() after that
 * thread has stopped).
 */
final class ActiveSession extends RoundScheduler.Task {
  final DefaultFisherman engine;
  final SessionStarted session;
  final SessionServicer[] servicers;
  final List<URI> urls;
  final SamplingPlan plan;
  final List<Instant> instants;
  final long[] deadlines;
  final long endDeadline;
  final SessionRecord record;
  final RelayRequestTemplate template;
  final FishermanMetrics.ServiceMeters meters;
  int next;
  boolean ended;

  ActiveSession(
      DefaultFisherman engine,
      SessionStarted session,
      SamplingPlan plan,
      SessionRecord record,
      RelayRequestTemplate template,
      FishermanMetrics.ServiceMeters meters,
      Instant wallNow,
      long nanoNow) {
    this.engine = engine;
    this.session = session;
    this.servicers = session.servicers().toArray(SessionServicer[]::new);
    this.urls = session.servicers().stream().map(SessionServicer::url).toList();
    this.plan = plan;
    this.instants = plan.instants();
    this.record = record;
    this.template = template;
    this.meters = meters;
    // Wall instants are mapped onto the monotonic scale once, at admission, so a wall-clock step
    // later cannot make rounds fire early or late.
    this.deadlines = new long[instants.size()];
    for (int i = 0; i < deadlines.length; i++) {
      deadlines[i] = nanoNow + nanosBetween(wallNow, instants.get(i));
    }
    this.endDeadline = nanoNow + nanosBetween(wallNow, session.endsAt());
  }

  private static long nanosBetween(Instant from, Instant to) {
    long seconds = to.getEpochSecond() - from.getEpochSecond();
    return seconds * 1_000_000_000L + (to.getNano() - from.getNano());
  }

  long firstDeadline() {
    return deadlines.length > 0 ? deadlines[0] : endDeadline;
  }

  @Override
  void run() {
    if (ended) {
      return;
    }
    if (next < deadlines.length) {
      int round = next++;
      engine.fireRound(this, round);
      engine.reschedule(this, next < deadlines.length ? deadlines[next] : endDeadline);
    } else {
      engine.endSession(this);
    }
  }

  /** The fan-out of one round: completes the skew measurement once every probe is back. */
  static final class Round {
    private final ActiveSession session;
    private int pending;
    private long firstSend = Long.MAX_VALUE;
    private long lastSend = Long.MIN_VALUE;

    Round(ActiveSession session, int probes) {
      this.session = session;
      this.pending = probes;
    }

    /** One probe of the round ended; {@code sendNanos} is its actual send on the nanoTime scale. */
    void done(Observation o, long intendedNanos) {
      long skew = -1;
      synchronized (this) {
        if (o.outcome() != Outcome.CANCELLED || o.totalNanos() > 0) {
          long send = intendedNanos + o.latenessNanos();
          firstSend = Math.min(firstSend, send);
          lastSend = Math.max(lastSend, send);
        }
        if (--pending == 0 && lastSend >= firstSend) {
          skew = lastSend - firstSend;
        }
      }
      if (skew >= 0) {
        session.meters.skew.record(skew, TimeUnit.NANOSECONDS);
      }
    }
  }
}
