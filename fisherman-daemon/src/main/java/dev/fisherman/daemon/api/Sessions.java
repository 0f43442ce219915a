package dev.fisherman.daemon.api;

import java.util.Objects;
import java.util.Optional;

/** Choosing which session a view shows, the same way in every view. */
public final class Sessions {
  private Sessions() {}

  /** Finds a session by id; empty when it is no longer retained. */
  @FunctionalInterface
  public interface Lookup<X extends Exception> {
    Optional<Session> session(String id) throws X;
  }

  /**
   * The newest session whose servicers all have a verdict, so a table does not fall back to {@code
   * unknown} at every session start; the newest session while none has. Only the first {@code
   * limit} ids are looked up: only the last few sessions matter for "now".
   *
   * @param idsNewestFirst session ids, newest first, as {@code GET /v1/sessions} lists them
   * @throws X when {@code lookup} fails
   */
  public static <X extends Exception> Optional<Session> newestJudged(
      Iterable<String> idsNewestFirst, Lookup<X> lookup, int limit) throws X {
    Objects.requireNonNull(lookup, "lookup");
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
    }
    Optional<Session> newest = Optional.empty();
    int looked = 0;
    for (String id : idsNewestFirst) {
      Optional<Session> s = lookup.session(id);
      if (s.isPresent()) {
        if (newest.isEmpty()) {
          newest = s;
        }
        if (s.get().judged()) {
          return s;
        }
      }
      if (++looked == limit) {
        break;
      }
    }
    return newest;
  }
}
