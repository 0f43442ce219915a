package dev.fisherman.daemon.admin;

import dev.fisherman.core.Admission;
import dev.fisherman.core.AdmissionRefusedException;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.SessionStore;
import dev.fisherman.daemon.api.OverBudget;
import dev.fisherman.daemon.api.ReceivedSession;
import dev.fisherman.daemon.api.SessionSummary;
import dev.fisherman.daemon.source.InvalidSessionEventException;
import dev.fisherman.daemon.source.SessionIntake;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/sessions}: a session-start event pushed by a node or a script. {@code 202} with
 * the session when it is new, {@code 200} with the known session when the id was seen before,
 * {@code 400} naming the field for anything invalid, {@code 429} naming the budget a session does
 * not fit in.
 */
final class WebhookEndpoint {
  private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

  private final SessionIntake intake;
  private final SessionStore store;
  private final LogLimiter invalid = new LogLimiter(Duration.ofSeconds(10), System::nanoTime);

  WebhookEndpoint(SessionIntake intake, SessionStore store) {
    this.intake = intake;
    this.store = store;
  }

  AdminResponse post(AdminRequest request) {
    SessionIntake.Received received;
    try {
      received = intake.receive(request.body());
    } catch (InvalidSessionEventException e) {
      // One line per kind of mistake per period: a client repeating it cannot flood the log.
      long held = invalid.tryLog(e.field());
      if (held != LogLimiter.SUPPRESSED) {
        log.info("webhook from {}: {}{}", request.remote(), e.getMessage(), LogLimiter.note(held));
      }
      return AdminResponse.error(
          HttpResponseStatus.BAD_REQUEST,
          e.getMessage(),
          e.field().isEmpty() ? Optional.empty() : Optional.of(e.field()));
    } catch (AdmissionRefusedException e) {
      // Nothing was admitted; the sender may offer the session again once sessions have ended.
      return AdminResponse.json(
          HttpResponseStatus.TOO_MANY_REQUESTS,
          new OverBudget(
              e.getMessage(),
              e.budget().wireName(),
              (long) Math.ceil(e.demand()),
              (long) Math.ceil(e.inUse()),
              (long) e.limit()));
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
    // The store's view when it holds the session; else the engine's summary from the moment it
    // admitted it (the session may have ended and left the store since); the event as read only
    // for an engine that gives no summary.
    Object body =
        store
            .summary(s.sessionId())
            .or(received::admitted)
            .<Object>map(SessionSummary::of)
            .orElseGet(() -> ReceivedSession.of(s));
    return AdminResponse.json(isNew ? HttpResponseStatus.ACCEPTED : HttpResponseStatus.OK, body)
        .withHeader("Location", "/v1/sessions/" + s.sessionId());
  }
}
