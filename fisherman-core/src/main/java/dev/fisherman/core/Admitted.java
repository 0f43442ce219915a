package dev.fisherman.core;

import dev.fisherman.core.store.SessionSummary;
import java.util.Objects;
import java.util.Optional;

/**
 * What the engine did with a session-start event, with the session as it stood at that moment: a
 * new session's summary taken at its admission (so an answer can show it even when the session has
 * ended and left the store since), a known session's summary while the store holds it.
 */
public record Admitted(Admission admission, Optional<SessionSummary> session) {
  public Admitted {
    Objects.requireNonNull(admission, "admission");
    Objects.requireNonNull(session, "session");
  }
}
