package dev.fisherman.daemon.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisherman.core.store.ServicerDetail;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.core.store.SessionStore;
import dev.fisherman.core.store.SessionSummary;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Optional;

/** Read views of sessions and of servicers, straight from the session store. */
final class SessionsEndpoint {
  private final SessionStore store;

  SessionsEndpoint(SessionStore store) {
    this.store = store;
  }

  /** {@code GET /v1/sessions}: every retained session, newest first. */
  AdminResponse list(AdminRequest request) {
    ArrayNode body = Json.MAPPER.createArrayNode();
    for (SessionSummary s : store.sessions()) {
      body.add(Json.summary(s));
    }
    return AdminResponse.ok(body);
  }

  /** {@code GET /v1/sessions/{id}}. */
  AdminResponse session(AdminRequest request) {
    String id = request.param(0);
    Optional<SessionReport> report = store.session(id);
    if (report.isEmpty()) {
      return unknownSession(id);
    }
    return AdminResponse.ok(Json.report(report.get()));
  }

  /** {@code GET /v1/sessions/{id}/servicers/{address}}. */
  AdminResponse servicerInSession(AdminRequest request) {
    String id = request.param(0);
    String address = request.param(1);
    Optional<ServicerDetail> detail = store.servicer(id, address);
    if (detail.isPresent()) {
      return AdminResponse.ok(Json.detail(detail.get()));
    }
    if (store.session(id).isEmpty()) {
      return unknownSession(id);
    }
    return AdminResponse.error(
        HttpResponseStatus.NOT_FOUND,
        "address: " + Quote.of(address) + " (expected: a servicer of session " + Quote.of(id) + ")",
        Optional.of("address"));
  }

  /** {@code GET /v1/servicers/{address}}: that servicer in every retained session. */
  AdminResponse servicer(AdminRequest request) {
    String address = request.param(0);
    List<ServicerDetail> details = store.servicerAcrossSessions(address);
    if (details.isEmpty()) {
      return AdminResponse.error(
          HttpResponseStatus.NOT_FOUND,
          "address: " + Quote.of(address) + " (expected: a servicer of a retained session)",
          Optional.of("address"));
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("address", address);
    ArrayNode sessions = body.putArray("sessions");
    for (ServicerDetail d : details) {
      ObjectNode n = Json.qos(d.qos());
      n.remove("address");
      ObjectNode entry = Json.MAPPER.createObjectNode();
      entry.put("session_id", d.session().sessionId());
      entry.put("service", d.session().service());
      entry.put("state", d.session().state().wireName());
      entry.put("started_at", d.session().startsAt().toString());
      entry.put("ends_at", d.session().endsAt().toString());
      entry.setAll(n);
      sessions.add(entry);
    }
    return AdminResponse.ok(body);
  }

  private static AdminResponse unknownSession(String id) {
    return AdminResponse.error(
        HttpResponseStatus.NOT_FOUND,
        "session_id: " + Quote.of(id) + " (expected: a retained session)",
        Optional.of("session_id"));
  }
}
