package dev.fisherman.daemon.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisherman.core.Admission;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.SessionStore;
import dev.fisherman.daemon.source.InvalidSessionEventException;
import dev.fisherman.daemon.source.WebhookSource;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/sessions}: a session-start event pushed by a node or a script. {@code 202} with
 * the session when it is new, {@code 200} with the known session when the id was seen before,
 * {@code 400} naming the field for anything invalid.
 */
final class WebhookEndpoint {
  private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

  private final WebhookSource webhook;
  private final SessionStore store;

  WebhookEndpoint(WebhookSource webhook, SessionStore store) {
    this.webhook = webhook;
    this.store = store;
  }

  AdminResponse post(AdminRequest request) {
    WebhookSource.Received received;
    try {
      received = webhook.receive(request.body());
    } catch (InvalidSessionEventException e) {
      log.info("webhook from {}: {}", request.remote(), e.getMessage());
      return AdminResponse.error(
          HttpResponseStatus.BAD_REQUEST,
          e.getMessage(),
          e.field().isEmpty() ? Optional.empty() : Optional.of(e.field()));
    } catch (IllegalArgumentException e) {
      return AdminResponse.error(HttpResponseStatus.BAD_REQUEST, e.getMessage(), Optional.empty());
    } catch (IllegalStateException e) {
      return AdminResponse.error(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "sessions: not taken now (" + e.getMessage() + ")",
          Optional.empty());
    }
    SessionStarted s = received.session();
    boolean isNew = received.admission() == Admission.ACCEPTED;
    if (isNew) {
      log.info(
          "webhook: session {} ({}, {} servicers, until {})",
          s.sessionId(),
          s.service(),
          s.servicers().size(),
          s.endsAt());
    }
    ObjectNode body =
        store
            .session(s.sessionId())
            .map(report -> Json.summary(report.summary()))
            .orElseGet(() -> echo(s));
    return AdminResponse.json(isNew ? HttpResponseStatus.ACCEPTED : HttpResponseStatus.OK, body)
        .withHeader("Location", "/v1/sessions/" + s.sessionId());
  }

  /** The event as read, for when the store no longer (or not yet) holds the session. */
  private static ObjectNode echo(SessionStarted s) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("session_id", s.sessionId());
    n.put("service", s.service());
    n.put("started_at", s.startsAt().toString());
    n.put("ends_at", s.endsAt().toString());
    n.put("servicers", s.servicers().size());
    return n;
  }
}
