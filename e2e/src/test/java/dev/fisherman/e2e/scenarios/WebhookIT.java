package dev.fisherman.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fisherman.daemon.sim.Behaviour;
import dev.fisherman.daemon.sim.SimulatedServicer;
import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.FishermanDaemon;
import dev.fisherman.e2e.harness.ServicerFarm;
import dev.fisherman.e2e.harness.SessionEvent;
import dev.fisherman.e2e.harness.SessionView;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Feature: the webhook takes sessions and turns bad ones away without harm")
class WebhookIT {

  @RegisterExtension static final FishermanDaemon fisherman = FishermanDaemon.shared();
  @RegisterExtension static final ServicerFarm farm = new ServicerFarm();

  /** A session accepted before any bad body arrives; it must come through untouched. */
  private static SessionEvent earlier;

  @BeforeAll
  static void acceptAnEarlierSession() {
    SimulatedServicer servicer = farm.servicer(Behaviour.healthy());
    earlier = SessionEvent.named("earlier", "6s").with("steady", servicer.url());
    AdminClient.Response accepted = fisherman.client().postSession(earlier);
    assertThat(accepted.status()).as("POST /v1/sessions: %s", accepted).isEqualTo(202);
    fisherman.client().awaitOk(earlier.sessionId(), "steady", 1, Duration.ofSeconds(5));
  }

  @Test
  @DisplayName(
      "Given a session was accepted, when the same session id is posted again, then it is"
          + " answered 200 and still one session")
  void samePostTwice() {
    AdminClient admin = fisherman.client();

    AdminClient.Response again = admin.postSession(earlier);

    assertThat(again.status()).as("repeat POST: %s", again).isEqualTo(200);
    assertThat(again.json().path("session_id").asText()).isEqualTo(earlier.sessionId());
    long copies =
        admin.get("/v1/sessions").json().findValuesAsText("session_id").stream()
            .filter(earlier.sessionId()::equals)
            .count();
    assertThat(copies).as("sessions listed with id %s", earlier.sessionId()).isEqualTo(1);
  }

  @ParameterizedTest(name = "Given a body with {0}, when posted, then 400 naming \"{2}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "no session_id | {'service':'eth','duration':'4s','servicers':[{'address':'a','url':'http://127.0.0.1:9'}]} | session_id",
        "an unknown service | {'session_id':'bad-1','service':'nope','duration':'4s','servicers':[{'address':'a','url':'http://127.0.0.1:9'}]} | service",
        "no servicers | {'session_id':'bad-2','service':'eth','duration':'4s','servicers':[]} | servicers",
        "a duration that is no duration | {'session_id':'bad-3','service':'eth','duration':'soon','servicers':[{'address':'a','url':'http://127.0.0.1:9'}]} | duration",
        "a servicer url that is not http | {'session_id':'bad-4','service':'eth','duration':'4s','servicers':[{'address':'a','url':'ftp://127.0.0.1:9'}]} | servicers[0].url",
        "a session_id that is a number | {'session_id':7,'service':'eth','duration':'4s','servicers':[{'address':'a','url':'http://127.0.0.1:9'}]} | session_id",
      })
  @DisplayName("Given an invalid session, when posted, then 400 names the field")
  void invalidSession(String what, String body, String field) {
    AdminClient admin = fisherman.client();

    AdminClient.Response response = admin.post("/v1/sessions", body.replace('\'', '"'));

    assertThat(response.status()).as("POST with %s: %s", what, response).isEqualTo(400);
    JsonNode error = response.json();
    assertThat(error.path("error").asText()).as("error of %s", response).isNotBlank();
    assertThat(error.path("field").asText()).as("field of %s", response).isEqualTo(field);
    assertStillServing();
  }

  @Test
  @DisplayName("Given a body that is not JSON, when posted, then 400 and the daemon goes on")
  void notJson() {
    AdminClient.Response response = fisherman.client().post("/v1/sessions", "{\"session_id\":");

    assertThat(response.status()).as("POST of broken JSON: %s", response).isEqualTo(400);
    assertThat(response.json().path("error").asText()).isNotBlank();
    assertStillServing();
  }

  @Test
  @DisplayName("Given a body of 2 MiB, when posted, then 413 and the daemon goes on")
  void hugeBody() {
    String huge = "{\"session_id\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

    AdminClient.Response response = fisherman.client().post("/v1/sessions", huge);

    assertThat(response.status()).as("POST of 2 MiB").isEqualTo(413);
    assertStillServing();
  }

  /** The daemon still answers and the earlier session is there with its servicer and probes. */
  private static void assertStillServing() {
    AdminClient admin = fisherman.client();
    assertThat(admin.get("/healthz").status()).isEqualTo(200);
    SessionView view =
        admin
            .session(earlier.sessionId())
            .orElseThrow(() -> new AssertionError("earlier session gone: " + earlier));
    assertThat(view.servicers()).extracting(s -> s.address()).containsExactly("steady");
    assertThat(view.servicer("steady").probes()).isPositive();
  }
}
