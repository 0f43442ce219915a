package dev.fisherman.daemon.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.qos.Verdicts;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.core.store.SessionState;
import dev.fisherman.core.store.SessionStore;
import dev.fisherman.core.store.SessionSummary;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.Service;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/services/{service}/ranking}: the available servicers of the service's active
 * sessions, best first (availability, then p50, then address), each with the reason for its place;
 * the others are listed apart with the reason they are left out. A servicer in several active
 * sessions is judged by the newest one.
 */
final class RankingEndpoint {
  private static final Comparator<Candidate> BEST_FIRST =
      Comparator.comparingDouble((Candidate c) -> -c.availability())
          .thenComparingDouble(Candidate::p50)
          .thenComparing(c -> c.qos().address());

  private final SessionStore store;
  private final Genesis genesis;

  RankingEndpoint(SessionStore store, Genesis genesis) {
    this.store = store;
    this.genesis = genesis;
  }

  private record Candidate(String sessionId, ServicerQos qos) {
    double availability() {
      return qos.availability().orElse(0);
    }

    double p50() {
      return qos.latencyMs().map(l -> l.p50()).orElse(Double.MAX_VALUE);
    }
  }

  AdminResponse ranking(AdminRequest request) {
    String service = request.param(0);
    if (genesis.service(service).isEmpty()) {
      return AdminResponse.error(
          HttpResponseStatus.NOT_FOUND,
          "service: "
              + Quote.of(service)
              + " (expected: a service genesis defines: "
              + genesis.services().stream().map(Service::id).collect(Collectors.joining(", "))
              + ")",
          Optional.of("service"));
    }
    QosParams qos = genesis.qos();
    List<Candidate> available = new ArrayList<>();
    List<Candidate> excluded = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SessionSummary s : store.sessions()) {
      if (s.state() != SessionState.ACTIVE || !s.service().equals(service)) {
        continue;
      }
      Optional<SessionReport> report = store.session(s.sessionId());
      if (report.isEmpty()) {
        continue;
      }
      for (ServicerQos q : report.get().servicers()) {
        if (!seen.add(q.address())) {
          continue;
        }
        Candidate c = new Candidate(s.sessionId(), q);
        (q.verdicts().available() == Verdicts.Available.YES ? available : excluded).add(c);
      }
    }
    available.sort(BEST_FIRST);
    excluded.sort(Comparator.comparing(c -> c.qos().address()));

    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("service", service);
    ArrayNode ranked = body.putArray("servicers");
    for (int i = 0; i < available.size(); i++) {
      Candidate c = available.get(i);
      ObjectNode n = entry(c);
      n.put("rank", i + 1);
      n.put("reason", reason(i, c, available, qos));
      ranked.add(n);
    }
    ArrayNode left = body.putArray("excluded");
    for (Candidate c : excluded) {
      ObjectNode n = entry(c);
      n.put("reason", exclusion(c, qos));
      left.add(n);
    }
    return AdminResponse.ok(body);
  }

  private static ObjectNode entry(Candidate c) {
    ServicerQos q = c.qos();
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("address", q.address());
    n.put("url", q.url().toString());
    n.put("session_id", c.sessionId());
    n.put("probes", q.probes());
    if (q.availability().isPresent()) {
      n.put("availability", Json.round(q.availability().getAsDouble(), 4));
    } else {
      n.putNull("availability");
    }
    if (q.latencyMs().isPresent()) {
      n.put("p50_ms", Json.round(q.latencyMs().get().p50(), 3));
    } else {
      n.putNull("p50_ms");
    }
    ObjectNode verdicts = n.putObject("verdicts");
    verdicts.put("available", q.verdicts().available().wireName());
    verdicts.put("latency", q.verdicts().latency().wireName());
    return n;
  }

  private static String reason(int index, Candidate c, List<Candidate> ranked, QosParams qos) {
    String own =
        "availability "
            + fmt3(c.availability())
            + " >= "
            + fmt3(qos.minAvailability())
            + ", p50 "
            + ms(c);
    if (index == 0) {
      return own + ": best";
    }
    Candidate before = ranked.get(index - 1);
    String than = " than rank " + index + " (" + before.qos().address() + ")";
    if (c.availability() < before.availability()) {
      return own
          + ": lower availability ("
          + fmt3(c.availability())
          + " < "
          + fmt3(before.availability())
          + ")"
          + than;
    }
    if (c.p50() > before.p50()) {
      return own + ": same availability, higher p50 (" + ms(c) + " > " + ms(before) + ")" + than;
    }
    return own + ": same availability and p50, ordered by address after rank " + index;
  }

  private static String exclusion(Candidate c, QosParams qos) {
    ServicerQos q = c.qos();
    if (q.verdicts().available() == Verdicts.Available.NO) {
      return "not available: availability "
          + fmt3(c.availability())
          + " < "
          + fmt3(qos.minAvailability())
          + " over "
          + q.probes()
          + " probes";
    }
    return "not judged yet: " + q.probes() + " probes, " + qos.minSamples() + " needed";
  }

  private static String ms(Candidate c) {
    return c.qos().latencyMs().map(l -> String.format(Locale.ROOT, "%.1f ms", l.p50())).orElse("-");
  }

  private static String fmt3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
