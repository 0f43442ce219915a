package dev.fisherman.core.export;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.core.store.SessionReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every observation of the latest sessions, kept in memory so that a view can stream a session's
 * observations while it runs and after it ended, whether or not sessions are exported to files. Fed
 * through the {@link SessionExport} seam (rounds as they are recorded, then the rounds that never
 * fired as {@code cancelled}); bounded by a number of observations: beyond it whole sessions are
 * forgotten by Caffeine's size policy (eviction runs on the writing thread).
 */
public final class ObservationJournal implements SessionExport {
  /** Observations kept at most unless told otherwise (about 200 bytes each, so ~40 MiB). */
  public static final long DEFAULT_MAX_OBSERVATIONS = 200_000;

  private final Cache<String, Recorded> sessions;

  /** The observations of one session, in the order its rounds were recorded. */
  private static final class Recorded {
    private final List<Observation> observations = new ArrayList<>();

    synchronized void add(List<Observation> more) {
      observations.addAll(more);
    }

    synchronized int size() {
      return observations.size();
    }

    synchronized List<Observation> snapshot() {
      return List.copyOf(observations);
    }
  }

  /** A journal of at most {@code maxObservations} observations. */
  public ObservationJournal(long maxObservations) {
    if (maxObservations < 1) {
      throw new IllegalArgumentException(
          "maxObservations: " + maxObservations + " (expected: >= 1)");
    }
    this.sessions =
        Caffeine.newBuilder()
            .executor(Runnable::run)
            .maximumWeight(maxObservations)
            .weigher((String id, Recorded r) -> r.size())
            .build();
  }

  @Override
  public void round(RoundResult round) {
    // compute() re-weighs the session with its new observations.
    sessions
        .asMap()
        .compute(
            round.sessionId(),
            (id, r) -> {
              Recorded out = r != null ? r : new Recorded();
              out.add(round.observations());
              return out;
            });
  }

  @Override
  public void finished(SessionReport report) {
    // Kept until the bound pushes it out.
  }

  /**
   * The observations of {@code sessionId} recorded so far, in the order their rounds were recorded;
   * empty when the journal never had a round of it or has forgotten it.
   */
  public Optional<List<Observation>> observations(String sessionId) {
    Recorded r = sessions.getIfPresent(sessionId);
    return r == null ? Optional.empty() : Optional.of(r.snapshot());
  }

  /** Sessions kept now. */
  public long sessions() {
    sessions.cleanUp();
    return sessions.estimatedSize();
  }
}
