package dev.fisherman.core.store;

import java.util.List;
import java.util.Optional;

/**
 * The read side of the ephemeral session store: what the admin API, metrics and CLI see. Every
 * method returns an immutable snapshot that is consistent for one servicer at a time.
 */
public interface SessionStore {
  /** Every retained session, newest start first. */
  List<SessionSummary> sessions();

  /** One session with the QoS of all its servicers. */
  Optional<SessionReport> session(String sessionId);

  /** One session's summary, without building its servicers' QoS. */
  default Optional<SessionSummary> summary(String sessionId) {
    return session(sessionId).map(SessionReport::summary);
  }

  /** One servicer of one session, with its last observations. */
  Optional<ServicerDetail> servicer(String sessionId, String address);

  /** That servicer in every retained session it is part of, newest session first. */
  List<ServicerDetail> servicerAcrossSessions(String address);

  /** Number of retained sessions. */
  long size();
}
