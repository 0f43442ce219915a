package dev.fisherman.daemon.admin;

import dev.fisherman.core.ranking.Ranking;
import dev.fisherman.core.store.SessionStore;
import dev.fisherman.daemon.api.ServiceRanking;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Service;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/services/{service}/ranking}: core's {@link Ranking} of the service's active
 * sessions, rendered; {@code 404} for a service genesis does not define.
 */
final class RankingEndpoint {
  private final SessionStore store;
  private final Genesis genesis;

  RankingEndpoint(SessionStore store, Genesis genesis) {
    this.store = store;
    this.genesis = genesis;
  }

  AdminResponse ranking(AdminRequest request) {
    String service = request.param(0);
    Optional<AdminResponse> unknown = RankingEndpoint.unknownService(genesis, service);
    if (unknown.isPresent()) {
      return unknown.get();
    }
    return AdminResponse.ok(ServiceRanking.of(Ranking.of(store, genesis.qos(), service)));
  }

  /** {@code 404} naming the services genesis defines, when it does not define {@code service}. */
  static Optional<AdminResponse> unknownService(Genesis genesis, String service) {
    if (genesis.service(service).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        AdminResponse.error(
            HttpResponseStatus.NOT_FOUND,
            "service: "
                + Quote.of(service)
                + " (expected: a service genesis defines: "
                + genesis.services().stream().map(Service::id).collect(Collectors.joining(", "))
                + ")",
            Optional.of("service")));
  }
}
