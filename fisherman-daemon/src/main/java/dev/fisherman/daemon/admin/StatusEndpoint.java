package dev.fisherman.daemon.admin;

import dev.fisherman.core.reputation.ServicerReputation;
import dev.fisherman.core.store.ServicerDetail;
import dev.fisherman.core.store.SessionStore;
import dev.fisherman.daemon.api.Observation;
import dev.fisherman.daemon.api.Readiness;
import dev.fisherman.daemon.api.Session;
import dev.fisherman.daemon.api.SessionSummary;
import dev.fisherman.daemon.api.Sessions;
import dev.fisherman.daemon.api.Standing;
import dev.fisherman.daemon.status.StatusModel;
import dev.fisherman.daemon.status.StatusPage;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Service;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET /} and {@code GET /status}: the status page, looked up from the store, the reputation
 * and readiness in the wire model and rendered by {@link StatusPage}, with a fresh nonce for its
 * policy.
 */
final class StatusEndpoint {
  static final String HTML = "text/html; charset=utf-8";

  /** Sessions listed at the foot of the page. */
  static final int SESSIONS_LISTED = 10;

  /** Sessions a service's view and a servicer's sparkline look back over. */
  static final int SESSIONS_LOOKED_BACK = 6;

  private final SessionStore store;
  private final Genesis genesis;
  private final Supplier<Readiness> readiness;
  private final Supplier<String> nonces;
  private final Clock clock;
  private final Function<String, Optional<ServicerReputation>> reputation;

  StatusEndpoint(
      SessionStore store,
      Genesis genesis,
      Supplier<Readiness> readiness,
      Supplier<String> nonces,
      Clock clock) {
    this(store, genesis, readiness, nonces, clock, address -> Optional.empty());
  }

  StatusEndpoint(
      SessionStore store,
      Genesis genesis,
      Supplier<Readiness> readiness,
      Supplier<String> nonces,
      Clock clock,
      Function<String, Optional<ServicerReputation>> reputation) {
    this.reputation = reputation;
    this.store = store;
    this.genesis = genesis;
    this.readiness = readiness;
    this.nonces = nonces;
    this.clock = clock;
  }

  /** Nonces of 128 random bits, base64. */
  static Supplier<String> secureNonces() {
    SecureRandom random = new SecureRandom();
    return () -> {
      byte[] bytes = new byte[16];
      random.nextBytes(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    };
  }

  AdminResponse page(AdminRequest request) {
    String nonce = nonces.get();
    String html = StatusPage.render(model(), nonce);
    return AdminResponse.text(HttpResponseStatus.OK, HTML, html)
        .withHeader("Content-Security-Policy", StatusPage.contentSecurityPolicy(nonce))
        .withHeader("Referrer-Policy", "no-referrer");
  }

  StatusModel model() {
    List<dev.fisherman.core.store.SessionSummary> all = store.sessions();
    List<StatusModel.Service> services = new ArrayList<>();
    for (Service service : genesis.services()) {
      services.add(service(service.id(), all));
    }
    return new StatusModel(
        clock.instant(),
        readiness.get(),
        services,
        all.stream().limit(SESSIONS_LISTED).map(SessionSummary::of).toList());
  }

  private StatusModel.Service service(
      String id, List<dev.fisherman.core.store.SessionSummary> all) {
    List<String> ids =
        all.stream()
            .filter(s -> s.service().equals(id))
            .map(dev.fisherman.core.store.SessionSummary::sessionId)
            .toList();
    Optional<Session> shown =
        Sessions.newestJudged(ids, x -> store.session(x).map(Session::of), SESSIONS_LOOKED_BACK);
    Map<String, List<Observation>> sessionProbes = new LinkedHashMap<>();
    Map<String, List<Observation>> recentProbes = new LinkedHashMap<>();
    Map<String, Standing> reputations = new HashMap<>();
    if (shown.isPresent()) {
      String sessionId = shown.get().sessionId();
      for (var servicer : shown.get().servicers()) {
        String address = servicer.address();
        reputation.apply(address).ifPresent(r -> reputations.put(address, Standing.of(r)));
        List<ServicerDetail> details =
            store.servicerAcrossSessions(address).stream()
                .filter(d -> d.session().service().equals(id))
                .limit(SESSIONS_LOOKED_BACK)
                .toList();
        List<Observation> recent = new ArrayList<>();
        // Newest session first in the store's answer; the sparkline reads oldest first.
        for (ServicerDetail d : details.reversed()) {
          List<Observation> probes = d.lastObservations().stream().map(Observation::of).toList();
          recent.addAll(probes);
          if (d.session().sessionId().equals(sessionId)) {
            sessionProbes.put(address, probes);
          }
        }
        recentProbes.put(address, recent);
      }
    }
    return new StatusModel.Service(id, shown, sessionProbes, recentProbes, reputations);
  }
}
