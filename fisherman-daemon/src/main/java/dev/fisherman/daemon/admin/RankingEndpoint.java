package dev.fisherman.daemon.admin;

import dev.fisherman.core.ranking.Ranking;
import dev.fisherman.core.reputation.ServicerReputation;
import dev.fisherman.core.store.SessionStore;
import dev.fisherman.daemon.api.ServiceRanking;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Service;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/services/{service}/ranking}: core's {@link Ranking} of the service's active
 * sessions with each servicer's reputation, rendered; {@code 404} for a service genesis does not
 * define.
 */
final class RankingEndpoint {
  private final SessionStore store;
  private final Genesis genesis;
  private final Function<String, Optional<ServicerReputation>> reputation;

  RankingEndpoint(
      SessionStore store,
      Genesis genesis,
      Function<String, Optional<ServicerReputation>> reputation) {
    this.store = store;
    this.genesis = genesis;
    this.reputation = reputation;
  }

  AdminResponse ranking(AdminRequest request) {
    String service = request.param(0);
    Optional<AdminResponse> unknown = RankingEndpoint.unknownService(genesis, service);
    if (unknown.isPresent()) {
      return unknown.get();
    }
    return AdminResponse.ok(
        ServiceRanking.of(Ranking.of(store, genesis.qos(), service, reputation)));
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
