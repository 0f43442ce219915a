package dev.fisherman.daemon.source;

import dev.fisherman.core.Admission;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.SessionSummary;
import java.util.Objects;
import java.util.Optional;

/**
 * Takes session events that arrive as request bodies: the admin port's {@code POST /v1/sessions}
 * hands each body here. A source that receives events over HTTP registers one through {@link
 * SourceContext#takeSessionPosts(SessionIntake)}; it opens no socket of its own.
 */
public interface SessionIntake {

  /** What became of one accepted request body. */
  record Received(SessionStarted session, Admission admission, Optional<SessionSummary> admitted) {
    public Received {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(admission, "admission");
      Objects.requireNonNull(admitted, "admitted");
    }

    /** Received without the engine's summary of the session. */
    public Received(SessionStarted session, Admission admission) {
      this(session, admission, Optional.empty());
    }
  }

  /**
   * Parses one request body and hands the session to the engine.
   *
   * @throws InvalidSessionEventException if the body is not a valid session event
   * @throws IllegalStateException if the intake is not running or the engine refuses sessions
   * @throws IllegalArgumentException if the engine rejects the session
   */
  Received receive(byte[] body) throws InvalidSessionEventException;
}
