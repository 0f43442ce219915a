package dev.fisherman.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.SessionView;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The admin port as an operator's script sees it: webhook answers, reports, metrics. */
public final class AdminSteps {

  /** One sample of the probes counter: {@code fisherman_probes_total{...,outcome="x",...} 12}. */
  private static final Pattern PROBES_SAMPLE =
      Pattern.compile("^fisherman_probes_total\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);

  private static final Pattern FAMILY = Pattern.compile("^# (HELP|TYPE) (\\S+)", Pattern.MULTILINE);

  private final World world;
  private double notedProbes;
  private String notedService;
  private String notedOutcome;
  private String exposition;

  public AdminSteps(World world) {
    this.world = world;
  }

  @When("the same session is posted again")
  public void postedAgain() {
    world.response(world.admin().postSession(world.session()));
  }

  @When("this body is posted to the webhook:")
  public void bodyPosted(String body) {
    world.response(world.admin().post("/v1/sessions", body));
  }

  @When("a body of {int} MiB is posted to the webhook")
  public void hugeBodyPosted(int mebibytes) {
    String huge = "{\"session_id\":\"" + "x".repeat(mebibytes * 1024 * 1024) + "\"}";
    world.response(world.admin().post("/v1/sessions", huge));
  }

  @When("the daemon is asked for {string}")
  public void askedFor(String path) {
    world.response(world.admin().get(path));
  }

  @When("the daemon is asked for the session")
  public void askedForSession() {
    askedFor("/v1/sessions/" + world.session().sessionId());
  }

  @When("the daemon is asked for servicer {string} of the session")
  public void askedForServicer(String servicer) {
    askedFor("/v1/sessions/" + world.session().sessionId() + "/servicers/" + servicer);
  }

  @Then("the daemon answers {int}")
  public void answers(int status) {
    AdminClient.Response response = world.response();
    assertThat(response.status())
        .as("HTTP status of the daemon's answer %s", response)
        .isEqualTo(status);
  }

  @Then("the answer names the same session")
  public void answerNamesSession() {
    assertThat(world.response().json().path("session_id").asText())
        .as("session_id in the answer %s", world.response())
        .isEqualTo(world.session().sessionId());
  }

  @Then("the answer says what is wrong with the field {string}")
  public void answerNamesField(String field) {
    answerHasError();
    assertThat(world.response().json().path("field").asText())
        .as("field named in the answer %s", world.response())
        .isEqualTo(field);
  }

  @Then("the answer has an error message")
  public void answerHasError() {
    assertThat(world.response().json().path("error").asText())
        .as("error message in the answer %s", world.response())
        .isNotBlank();
  }

  @Then("the answer lists {int} last observations of servicer {string}")
  public void lastObservations(int count, String servicer) {
    JsonNode json = world.response().json();
    assertThat(json.path("address").asText()).as("address in %s", json).isEqualTo(servicer);
    assertThat(json.path("last_observations").size())
        .as("last observations in %s", json)
        .isEqualTo(count);
  }

  @Then("the answer lists servicer {string} with its verdicts")
  public void listsServicerWithVerdicts(String servicer) {
    SessionView view = SessionView.of(world.response().json());
    assertThat(view.servicer(servicer).available())
        .as("availability verdict of servicer %s in %s", servicer, view)
        .isIn("yes", "no", "unknown");
  }

  @Then("the daemon lists the session once")
  public void listedOnce() {
    String id = world.session().sessionId();
    long copies =
        world.admin().get("/v1/sessions").json().findValuesAsText("session_id").stream()
            .filter(id::equals)
            .count();
    assertThat(copies).as("sessions listed by GET /v1/sessions with id %s", id).isEqualTo(1);
  }

  @Then("the daemon still answers and still probes servicer {string} of the session")
  public void stillServing(String servicer) {
    AdminClient admin = world.admin();
    assertThat(admin.get("/healthz").status()).as("GET /healthz").isEqualTo(200);
    SessionView view =
        admin
            .session(world.session().sessionId())
            .orElseThrow(() -> new AssertionError("the session is gone: " + world.session()));
    assertThat(view.servicers())
        .extracting(s -> s.address())
        .as("servicers of the session %s", view)
        .containsExactly(servicer);
    assertThat(view.servicer(servicer).probes())
        .as("probes of servicer %s in %s", servicer, view)
        .isPositive();
  }

  @Given("the count of {word} probes for service {string} in the metrics is noted")
  public void noteProbes(String outcome, String service) {
    notedOutcome = outcome;
    notedService = service;
    notedProbes = probes(world.admin().metrics(), service, outcome);
  }

  @Then("that count grew by at least {int}")
  public void countGrew(int count) {
    double now = probes(world.admin().metrics(), notedService, notedOutcome);
    assertThat(now - notedProbes)
        .as(
            "growth of fisherman_probes_total{service=\"%s\",outcome=\"%s\"}",
            notedService, notedOutcome)
        .isGreaterThanOrEqualTo(count);
  }

  @When("the metrics are scraped")
  public void scrape() {
    exposition = world.admin().metrics();
  }

  @Then("every metric family has help text")
  public void everyFamilyHasHelp() {
    Set<String> typed = new TreeSet<>();
    Set<String> helped = new TreeSet<>();
    Matcher m = FAMILY.matcher(exposition);
    while (m.find()) {
      (m.group(1).equals("TYPE") ? typed : helped).add(m.group(2));
    }
    assertThat(typed).as("metric families in /metrics").isNotEmpty();
    assertThat(helped).as("metric families with a # HELP line").containsAll(typed);
    assertThat(exposition)
        .as("help lines of /metrics are not empty")
        .doesNotContainPattern("(?m)^# HELP \\S+ ?$");
  }

  private static double probes(String exposition, String service, String outcome) {
    double sum = 0;
    Matcher m = PROBES_SAMPLE.matcher(exposition);
    while (m.find()) {
      String labels = m.group(1);
      if (labels.contains("service=\"" + service + "\"")
          && labels.contains("outcome=\"" + outcome + "\"")) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  private String reputationState(String servicer) {
    AdminClient.Response r = world.admin().get("/v1/servicers/" + servicer);
    if (r.status() == 404) {
      return "unknown";
    }
    assertThat(r.status()).as("GET /v1/servicers/%s: %s", servicer, r).isEqualTo(200);
    JsonNode rep = r.json().get("reputation");
    return rep == null || rep.isNull() ? "unknown" : rep.get("state").asText();
  }

  @Then("servicer {string} reaches reputation state {word}")
  public void reachesReputationState(String servicer, String state) {
    long deadline = System.nanoTime() + World.SETTLE.toNanos();
    String seen = reputationState(servicer);
    while (!seen.equals(state)) {
      assertThat(System.nanoTime() - deadline)
          .as("servicer %s to reach reputation state %s (last seen: %s)", servicer, state, seen)
          .isNegative();
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
      seen = reputationState(servicer);
    }
  }

  @Then("servicer {string} is in timeout after {string} until at least {int} seconds from now")
  public void inTimeoutAfter(String servicer, String verdict, int seconds) {
    java.time.Instant now = java.time.Instant.now();
    AdminClient.Response r = world.admin().get("/v1/servicers/" + servicer);
    assertThat(r.status()).as("GET /v1/servicers/%s: %s", servicer, r).isEqualTo(200);
    JsonNode rep = r.json().get("reputation");
    assertThat(rep.get("state").asText()).as("state: %s", rep).isEqualTo("timeout");
    assertThat(java.time.Instant.parse(rep.get("until").asText()))
        .as("until: %s", rep)
        .isAfter(now.plusSeconds(seconds));
    assertThat(rep.get("reasons").toString())
        .as("reasons: %s", rep)
        .contains("timeout: " + verdict + ", not selected until");
  }

  @Then("{int} selections for service {string} return servicer {string} never")
  public void neverSelected(int times, String service, String servicer) {
    for (int i = 0; i < times; i++) {
      AdminClient.Response r = world.admin().get("/v1/services/" + service + "/select?n=100");
      assertThat(r.status()).as("select: %s", r).isIn(200, 503);
      if (r.status() == 200) {
        for (JsonNode s : r.json().get("servicers")) {
          assertThat(s.get("address").asText()).as("selection %d: %s", i, r).isNotEqualTo(servicer);
        }
      }
    }
  }

  @Then("servicer {string} is selected for service {string} within {int} selections")
  public void selectedWithin(String servicer, String service, int times) {
    for (int i = 0; i < times; i++) {
      AdminClient.Response r = world.admin().get("/v1/services/" + service + "/select?n=100");
      if (r.status() == 200) {
        for (JsonNode s : r.json().get("servicers")) {
          if (s.get("address").asText().equals(servicer)) {
            return;
          }
        }
      }
    }
    throw new AssertionError(
        "servicer " + servicer + " was not selected in " + times + " selections of " + service);
  }
}
