package dev.fisherman.daemon.source;

import dev.fisherman.core.Admission;
import dev.fisherman.core.Admitted;
import dev.fisherman.core.session.SessionStarted;
import java.util.Optional;

/** Where a source hands its session-start events: in the daemon, the engine's submit. */
@FunctionalInterface
public interface SessionSink {
  /**
   * Hands over one event.
   *
   * @throws IllegalArgumentException if the engine rejects the session
   * @throws IllegalStateException if the engine no longer takes sessions
   */
  Admission submit(SessionStarted session);

  /**
   * Like {@link #submit}, with the session's summary as it stood at admission when the sink knows
   * it (the engine does); the default knows none.
   */
  default Admitted admit(SessionStarted session) {
    return new Admitted(submit(session), Optional.empty());
  }

  /**
   * Ends an active session now, for sources that learn a session is over before its {@code endsAt}
   * (the chain passed its end height). False when no such session is active; a sink that cannot end
   * sessions early (the default) leaves them to their timers.
   */
  default boolean end(String sessionId) {
    return false;
  }
}
