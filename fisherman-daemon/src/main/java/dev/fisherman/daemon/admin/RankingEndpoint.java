package dev.fisherman.daemon.admin;

import dev.fisherman.core.ranking.Ranking;
import dev.fisherman.core.reputation.ServicerReputation;
import dev.fisherman.core.store.SessionStore;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.daemon.api.ServiceRanking;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Service;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/services/{service}/ranking?limit=N}: core's {@link Ranking} of the service's
 * active sessions with each servicer's reputation, cut to the first {@code N} ranked and the first
 * {@code N} excluded servicers and rendered from a {@link RankingViews view} at most a second old;
 * {@code 404} for a service genesis does not define, {@code 400} for a bad {@code limit}.
 */
final class RankingEndpoint {
  /** Servicers of each list shown when the request does not say. */
  static final int DEFAULT_LIMIT = 100;

  /** Most servicers of each list a request may ask for: the most servicers a session may have. */
  static final int MAX_LIMIT = 10_000;

  private final Genesis genesis;
  private final RankingViews views;

  RankingEndpoint(
      SessionStore store,
      Genesis genesis,
      Function<String, Optional<ServicerReputation>> reputation,
      FishermanClock clock,
      ScheduledExecutorService refresher) {
    this.genesis = genesis;
    this.views =
        new RankingViews(
            service -> Ranking.order(store, genesis.qos(), service, reputation),
            clock,
            refresher,
            (nanos, task) -> refresher.schedule(task, nanos, TimeUnit.NANOSECONDS));
  }

  AdminResponse ranking(AdminRequest request) {
    String service = request.param(0);
    Optional<AdminResponse> unknown = RankingEndpoint.unknownService(genesis, service);
    if (unknown.isPresent()) {
      return unknown.get();
    }
    List<String> limits =
        request.query().getOrDefault("limit", List.of(Integer.toString(DEFAULT_LIMIT)));
    Integer limit = limits.size() == 1 ? parse(limits.get(0)) : null;
    if (limit == null) {
      return AdminResponse.error(
          HttpResponseStatus.BAD_REQUEST,
          "limit: "
              + Quote.of(String.join(",", limits))
              + " (expected: one integer from 1 to "
              + MAX_LIMIT
              + ")",
          Optional.of("limit"));
    }
    RankingViews.View view = views.view(service);
    return AdminResponse.ok(ServiceRanking.of(view.ordered().top(limit, limit), view.asOf()));
  }

  private static Integer parse(String s) {
    if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    int n = Integer.parseInt(s);
    return n >= 1 && n <= MAX_LIMIT ? n : null;
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
