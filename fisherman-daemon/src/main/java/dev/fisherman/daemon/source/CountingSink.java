package dev.fisherman.daemon.source;

import dev.fisherman.core.Admission;
import dev.fisherman.core.AdmissionRefusedException;
import dev.fisherman.core.Admitted;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.daemon.metrics.DaemonMeters;
import dev.fisherman.daemon.metrics.DaemonMeters.SourceResult;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's sink as a source sees it: every hand-over is counted by result and logged the same
 * way whichever source made it, and events that did not parse are counted here too.
 */
final class CountingSink {
  private static final Logger log = LoggerFactory.getLogger(CountingSink.class);

  private final String kind;
  private final SessionSink sink;
  private final DaemonMeters meters;

  CountingSink(String kind, SessionSink sink, DaemonMeters meters) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  /**
   * Hands {@code session} over, counts and logs the result; {@code where} starts the log line
   * ({@code localnet}, {@code ndjson:- line 3}).
   *
   * @throws IllegalArgumentException if the engine rejects the session (counted as refused)
   * @throws IllegalStateException if the engine no longer takes sessions (counted as refused)
   */
  Admission submit(SessionStarted session, String where) {
    return admit(session, where).admission();
  }

  /** Like {@link #submit}, with the session as it stood at admission when the sink knows it. */
  Admitted admit(SessionStarted session, String where) {
    Admitted admitted;
    try {
      admitted = sink.admit(session);
    } catch (RuntimeException e) {
      meters.sourceEvent(kind, SourceResult.REFUSED);
      if (e instanceof AdmissionRefusedException) {
        // Its message names the session and the budget already.
        log.warn("{}: {}", where, e.getMessage());
      } else {
        log.warn("{}: session {} refused: {}", where, session.sessionId(), e.getMessage());
      }
      throw e;
    }
    if (admitted.admission() == Admission.ACCEPTED) {
      meters.sourceEvent(kind, SourceResult.ACCEPTED);
      log.info(
          "{}: session {} ({}, {} servicers, until {})",
          where,
          session.sessionId(),
          session.service(),
          session.servicers().size(),
          session.endsAt());
    } else {
      meters.sourceEvent(kind, SourceResult.DUPLICATE);
      log.info("{}: session {} already known", where, session.sessionId());
    }
    return admitted;
  }

  /** Like {@link #submit}, but a refusal is only counted and logged: for sources that go on. */
  Optional<Admission> offer(SessionStarted session, String where) {
    try {
      return Optional.of(submit(session, where));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Counts an event that did not parse or validate; the source logs why. */
  void invalid() {
    meters.sourceEvent(kind, SourceResult.INVALID);
  }
}
