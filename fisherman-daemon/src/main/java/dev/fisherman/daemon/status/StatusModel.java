package dev.fisherman.daemon.status;

import dev.fisherman.daemon.api.Observation;
import dev.fisherman.daemon.api.Readiness;
import dev.fisherman.daemon.api.Session;
import dev.fisherman.daemon.api.SessionSummary;
import dev.fisherman.daemon.api.Standing;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the status page shows, in the admin API's wire model: the fisherman's own health, each
 * service with the session a view shows, and the sessions retained.
 *
 * @param generatedAt when the page was put together
 * @param health what {@code GET /readyz} answers
 * @param services every service genesis defines, in its order
 * @param sessions the newest retained sessions, newest first
 */
public record StatusModel(
    Instant generatedAt,
    Readiness health,
    List<StatusModel.Service> services,
    List<SessionSummary> sessions) {
  public StatusModel {
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(health, "health");
    services = List.copyOf(services);
    sessions = List.copyOf(sessions);
  }

  /**
   * One service.
   *
   * @param session the session shown (see {@code Sessions.newestJudged}); empty before the first
   * @param sessionProbes that session's last observations per servicer address, oldest first
   * @param recentProbes each servicer's last observations across the retained sessions of this
   *     service, oldest first
   * @param reputations each remembered servicer's reputation in brief, by address
   */
  public record Service(
      String id,
      Optional<Session> session,
      Map<String, List<Observation>> sessionProbes,
      Map<String, List<Observation>> recentProbes,
      Map<String, Standing> reputations) {
    public Service {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(session, "session");
      sessionProbes = copy(sessionProbes);
      recentProbes = copy(recentProbes);
      reputations = Map.copyOf(reputations);
    }

    /** A service whose servicers the reputation does not remember. */
    public Service(
        String id,
        Optional<Session> session,
        Map<String, List<Observation>> sessionProbes,
        Map<String, List<Observation>> recentProbes) {
      this(id, session, sessionProbes, recentProbes, Map.of());
    }

    private static Map<String, List<Observation>> copy(Map<String, List<Observation>> m) {
      Map<String, List<Observation>> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(Objects.requireNonNull(k, "address"), List.copyOf(v)));
      return Collections.unmodifiableMap(out);
    }
  }
}
