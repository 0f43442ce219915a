package dev.fisherman.core.reputation;

import dev.fisherman.core.probe.Finding;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.genesis.input.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One servicer's memory: decayed sums (each weight halves every half-life), the window its
 * availability is judged on since it last changed state, and its punishment. Every access holds
 * this object's monitor.
 */
final class ServicerRecord {
  /** A decayed failure weight below this no longer costs points (about four half-lives on). */
  static final double PENALTY_FLOOR = 0.05;

  static final int SYNC_PENALTY = 20;
  static final int INTEGRITY_PENALTY = 40;
  static final int CHAIN_PENALTY = 100;

  final String address;
  private final Settings settings;
  private final Set<String> services = new HashSet<>(2);
  private long decayedAt;
  private long judgedCount;
  private double judged;
  private double ok;
  private double okLatencyMs;
  private double syncJudged;
  private double behind;
  private double disagreed;
  private double wrongChain;
  // Availability since the last state change.
  private long windowCount;
  private double windowJudged;
  private double windowOk;
  private ReputationState state = ReputationState.NEW;
  private long untilNanos;
  private Instant untilWall;
  private TimeoutCause cause;
  private int passed;

  ServicerRecord(String address, Settings settings, long now) {
    this.address = address;
    this.settings = settings;
    this.decayedAt = now;
  }

  /** What a record needs from the genesis and the clock. */
  record Settings(
      long halfLifeNanos,
      long bandNanos,
      long relayTimeoutNanos,
      long timeoutNanos,
      long integrityTimeoutNanos,
      int probationProbes,
      int minSamples,
      double minAvailability) {

    /** The half-life as the reasons say it, e.g. {@code 30m}. */
    String halfLife() {
      return Durations.format(Duration.ofNanos(halfLifeNanos));
    }
  }

  /** Called on a state entered. */
  interface Transitions {
    void timeoutStarted(TimeoutCause cause);
  }

  synchronized boolean seenIn(String service) {
    return services.contains(service);
  }

  /**
   * Takes in one judged observation and what the judges found; {@code nowWall} is the wall instant
   * at {@code now}.
   */
  synchronized void record(
      String service,
      Observation o,
      Finding f,
      long now,
      Instant nowWall,
      Transitions transitions) {
    services.add(service);
    expire(now);
    decay(now);
    boolean probeOk = o.outcome() == Outcome.OK;
    judgedCount++;
    judged += 1;
    windowCount++;
    windowJudged += 1;
    if (probeOk) {
      ok += 1;
      windowOk += 1;
      okLatencyMs += o.totalNanos() / 1e6;
    }
    if (f.sync() != Finding.Sync.NONE) {
      syncJudged += 1;
      behind += f.sync() == Finding.Sync.BEHIND ? 1 : 0;
    }
    TimeoutCause failure = null;
    if (f.chain() == Finding.Chain.MISMATCH) {
      wrongChain += 1;
      failure = TimeoutCause.CHAIN;
    } else if (f.integrity() == Finding.Integrity.DISAGREED) {
      disagreed += 1;
      failure = TimeoutCause.INCONSISTENT;
    } else if (!probeOk) {
      failure = TimeoutCause.UNAVAILABLE;
    }
    switch (state) {
      case TIMEOUT -> {
        if (failure != null) {
          // Restarted: the timeout ends its length after the last failure, never earlier.
          long length = length(failure);
          if (now + length - untilNanos > 0) {
            untilNanos = now + length;
            untilWall = nowWall.plusNanos(length);
          }
          if (length(failure) >= length(cause)) {
            cause = failure;
          }
        }
      }
      case PROBATION -> {
        if (failure != null) {
          startTimeout(failure, now, nowWall, transitions);
        } else if (!o.sentAt().isBefore(untilWall) && ++passed >= settings.probationProbes()) {
          enter(ReputationState.OK);
        }
      }
      case NEW, OK -> {
        if (failure == TimeoutCause.CHAIN || failure == TimeoutCause.INCONSISTENT) {
          startTimeout(failure, now, nowWall, transitions);
        } else if (windowCount >= settings.minSamples()) {
          if (windowOk / windowJudged < settings.minAvailability()) {
            startTimeout(TimeoutCause.UNAVAILABLE, now, nowWall, transitions);
          } else if (state == ReputationState.NEW) {
            enter(ReputationState.OK);
          }
        }
      }
    }
  }

  private long length(TimeoutCause c) {
    return c == TimeoutCause.UNAVAILABLE
        ? settings.timeoutNanos()
        : settings.integrityTimeoutNanos();
  }

  private void startTimeout(TimeoutCause c, long now, Instant nowWall, Transitions transitions) {
    enter(ReputationState.TIMEOUT);
    cause = c;
    untilNanos = now + length(c);
    untilWall = nowWall.plusNanos(length(c));
    transitions.timeoutStarted(c);
  }

  private void enter(ReputationState s) {
    state = s;
    passed = 0;
    windowCount = 0;
    windowJudged = 0;
    windowOk = 0;
  }

  /** A timeout that ended turns into probation. */
  private void expire(long now) {
    if (state == ReputationState.TIMEOUT && now - untilNanos >= 0) {
      enter(ReputationState.PROBATION);
    }
  }

  private void decay(long now) {
    long elapsed = now - decayedAt;
    if (elapsed <= 0) {
      return;
    }
    double k = Math.pow(0.5, (double) elapsed / settings.halfLifeNanos());
    judged *= k;
    ok *= k;
    okLatencyMs *= k;
    syncJudged *= k;
    behind *= k;
    disagreed *= k;
    wrongChain *= k;
    windowJudged *= k;
    windowOk *= k;
    decayedAt = now;
  }

  /** Score and latency band without words, for selection: {@code null} unless in state ok. */
  synchronized Selection.Candidate candidate(long now) {
    expire(now);
    if (state != ReputationState.OK) {
      return null;
    }
    decay(now);
    int[] band = {Integer.MAX_VALUE};
    int score = score(null, band);
    return new Selection.Candidate(address, score, band[0]);
  }

  synchronized ReputationState state(long now) {
    expire(now);
    return state;
  }

  /** The standing at {@code now}; {@code nowWall} is the wall instant then. */
  synchronized ServicerReputation snapshot(long now, Instant nowWall) {
    return snapshot(now, nowWall, true);
  }

  /** The standing; without {@code withReasons} its reasons are left empty (a cheaper snapshot). */
  synchronized ServicerReputation snapshot(long now, Instant nowWall, boolean withReasons) {
    expire(now);
    decay(now);
    List<String> reasons = withReasons ? new ArrayList<>() : null;
    int[] b = {Integer.MAX_VALUE};
    int score = score(reasons, b);
    Optional<Integer> band = b[0] == Integer.MAX_VALUE ? Optional.empty() : Optional.of(b[0]);
    Optional<Instant> until = Optional.empty();
    Optional<ServicerReputation.Probation> probation = Optional.empty();
    switch (state) {
      case NEW ->
          say(
              reasons,
              "new: "
                  + judgedCount
                  + " of "
                  + settings.minSamples()
                  + " judged probes (min_samples) before it is selected");
      case OK -> {}
      case TIMEOUT -> {
        until = Optional.of(untilWall);
        say(
            reasons,
            "timeout: "
                + cause.verdict()
                + ", not selected until "
                + untilWall
                + " (each failed probe restarts it)");
      }
      case PROBATION -> {
        probation =
            Optional.of(new ServicerReputation.Probation(passed, settings.probationProbes()));
        say(
            reasons,
            "probation after "
                + cause.verdict()
                + ": "
                + passed
                + " of "
                + settings.probationProbes()
                + " consecutive ok probes");
      }
    }
    return new ServicerReputation(
        address,
        score,
        state,
        until,
        state == ReputationState.TIMEOUT || state == ReputationState.PROBATION
            ? Optional.of(cause)
            : Optional.empty(),
        probation,
        band,
        reasons == null ? List.of() : reasons);
  }

  /**
   * The score; its reasons go to {@code reasons} unless null, the latency band to {@code band[0]}.
   */
  private int score(List<String> reasons, int[] band) {
    if (judgedCount == 0 || judged <= 0) {
      say(reasons, "no judged probe yet");
      return 0;
    }
    double availability = ok / judged;
    double quality = 0;
    if (ok > 0) {
      double meanMs = okLatencyMs / ok;
      int b = (int) Math.min(Integer.MAX_VALUE - 1, (long) (meanMs * 1e6) / settings.bandNanos());
      band[0] = b;
      double floorMs = b * (settings.bandNanos() / 1e6);
      quality = Math.max(0, 1 - floorMs / (settings.relayTimeoutNanos() / 1e6));
    }
    int score = (int) Math.round(100 * availability * (0.5 + 0.5 * quality));
    if (reasons != null) {
      // Concatenation, not String.format: a selection snapshots its servicers on the admin loop.
      reasons.add(
          "availability "
              + whole(100 * availability)
              + "% over "
              + judgedCount
              + " judged probes, older ones weighing less (half-life "
              + settings.halfLife()
              + ")");
      if (ok > 0) {
        double bandMs = settings.bandNanos() / 1e6;
        reasons.add(
            "latency "
                + whole(okLatencyMs / ok)
                + " ms, in the band "
                + whole(band[0] * bandMs)
                + "–"
                + whole((band[0] + 1) * bandMs)
                + " ms (latencies in one band score the same)");
      } else {
        reasons.add("no ok probe to measure latency");
      }
    }
    if (syncJudged > 0 && behind / syncJudged > 0.5 && behind >= PENALTY_FLOOR) {
      score -= SYNC_PENALTY;
      say(
          reasons,
          "synced: no, behind the head in "
              + whole(100 * behind / syncJudged)
              + "% of judged rounds (−"
              + SYNC_PENALTY
              + ")");
    }
    if (disagreed >= PENALTY_FLOOR) {
      score -= INTEGRITY_PENALTY;
      say(
          reasons,
          "consistent: no, disagreed with the integrity quorum (−" + INTEGRITY_PENALTY + ")");
    }
    if (wrongChain >= PENALTY_FLOOR) {
      score -= CHAIN_PENALTY;
      say(reasons, "chain: no, answered another chain (−" + CHAIN_PENALTY + ")");
    }
    return Math.max(0, Math.min(100, score));
  }

  /** A non-negative {@code x} rounded half up to a whole number, as {@code %.0f} writes it. */
  static String whole(double x) {
    return Long.toString(Math.round(x));
  }

  private static void say(List<String> reasons, String reason) {
    if (reasons != null) {
      reasons.add(reason);
    }
  }
}
