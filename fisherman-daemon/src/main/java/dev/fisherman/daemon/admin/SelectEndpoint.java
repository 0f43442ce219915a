package dev.fisherman.daemon.admin;

import dev.fisherman.core.reputation.Selected;
import dev.fisherman.core.reputation.Selector;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Service;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/services/{service}/select?n=K}: core's weighted selection among the servicers of
 * the service's active sessions, rendered as {@link dev.fisherman.daemon.api.Selection} (by {@link
 * SelectionBody}, which sits in a gateway's request path); {@code 503} when none qualifies.
 */
final class SelectEndpoint {
  static final int MAX_N = 100;

  private final Selector selector;
  private final Genesis genesis;
  private final SelectionBody body;

  SelectEndpoint(Selector selector, Genesis genesis) {
    this.selector = selector;
    this.genesis = genesis;
    this.body = new SelectionBody(genesis.services().stream().map(Service::id).toList());
  }

  AdminResponse select(AdminRequest request) {
    String service = request.param(0);
    Optional<AdminResponse> unknown = RankingEndpoint.unknownService(genesis, service);
    if (unknown.isPresent()) {
      return unknown.get();
    }
    List<String> ns = request.query().getOrDefault("n", List.of("1"));
    Integer n = ns.size() == 1 ? parse(ns.get(0)) : null;
    if (n == null) {
      return AdminResponse.error(
          HttpResponseStatus.BAD_REQUEST,
          "n: "
              + Quote.of(String.join(",", ns))
              + " (expected: one integer from 1 to "
              + MAX_N
              + ")",
          Optional.of("n"));
    }
    List<Selected> selected = selector.select(service, n);
    if (selected.isEmpty()) {
      return AdminResponse.error(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "service: "
              + Quote.of(service)
              + " has no servicer to select (expected: a servicer of an active session in state"
              + " ok)",
          Optional.of("service"));
    }
    return new AdminResponse(
        HttpResponseStatus.OK, AdminResponse.JSON, body.render(service, selected), Map.of());
  }

  private static Integer parse(String s) {
    if (s.isEmpty() || s.length() > 3) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return null;
      }
    }
    int n = Integer.parseInt(s);
    return n >= 1 && n <= MAX_N ? n : null;
  }
}
