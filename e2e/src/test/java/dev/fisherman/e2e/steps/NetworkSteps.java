package dev.fisherman.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.FishermanDaemon;
import dev.fisherman.e2e.harness.GenesisFile;
import dev.fisherman.e2e.harness.ServicerView;
import dev.fisherman.e2e.harness.SessionView;
import dev.fisherman.e2e.netns.NetNamespace;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * OS-level faults between the fisherman and its servicers: the scenario's own daemon runs in a
 * network namespace and the kernel drops, loses or throttles what goes over its data link.
 */
public final class NetworkSteps {

  private final World world;
  private String readiness;

  public NetworkSteps(World world) {
    this.world = world;
  }

  /**
   * The daemon opens a fresh connection per probe, so a connection the kernel lost is exactly one
   * probe ending {@code timeout_connect}.
   */
  @Given("a daemon of its own inside a network namespace")
  public void daemonInNamespace() {
    NetNamespace ns = NetNamespace.create();
    world.namespace(ns);
    world.ownDaemon(
        FishermanDaemon.startIn(ns, GenesisFile.shortSessions().withConnection("fresh")));
  }

  private InetSocketAddress address(String servicer) {
    return world.servicer(servicer).sim().address();
  }

  @When("the fisherman's network loses {int}% of the connections to servicer {string}")
  public void loses(int percent, String servicer) {
    world.namespace().loss(address(servicer), percent / 100.0);
  }

  @When("the fisherman's network blackholes servicer {string}")
  public void blackholes(String servicer) {
    world.namespace().blackhole(address(servicer));
  }

  @When("the fisherman's link is limited to {word}")
  public void limited(String rate) {
    world.namespace().bandwidth(rate);
  }

  @When("the fisherman's network drops everything")
  public void dropsEverything() {
    world.namespace().dropAll();
  }

  @When("the fisherman's network is restored")
  public void restored() {
    world.namespace().restore();
  }

  @When("{int} rounds are excluded as {word}")
  public void roundsExcluded(int rounds, String reason) {
    SessionView moment =
        world
            .admin()
            .await(
                world.session().sessionId(),
                rounds + " rounds excluded as " + reason,
                Duration.ofSeconds(15),
                v -> v.json().path("rounds_excluded").path(reason).asLong() >= rounds);
    world.snapshot(moment);
  }

  @When("the readiness check {string} is noted")
  public void readinessNoted(String check) {
    AdminClient.Response readyz = world.admin().get("/readyz");
    assertThat(readyz.status()).as("GET /readyz: %s", readyz.body()).isEqualTo(200);
    readiness = readyz.json().path("checks").path(check).asText("(absent)");
  }

  @Then("at that moment the readiness check said {string}")
  public void readinessSaid(String expected) {
    assertThat(readiness).as("the noted readiness check").isEqualTo(expected);
  }

  @Then("the readiness check {string} says {string}")
  public void readinessSays(String check, String expected) {
    readinessNoted(check);
    assertThat(readiness).as("readiness check %s", check).isEqualTo(expected);
  }

  @Then("the timeout_connect probes of servicer {string} are the connections the network lost")
  public void lostConnections(String servicer) {
    ServicerView report = world.report(servicer);
    long lost = world.namespace().lostConnections(address(servicer));
    assertThat(report.outcome("timeout_connect"))
        .as("timeout_connect probes of %s = connections the kernel lost", report)
        .isEqualTo(lost);
  }

  @Then("the 99.9% interval of what servicer {string} got through contains {double}")
  public void wideIntervalContains(String servicer, double nominal) {
    ServicerView report = world.report(servicer);
    long ok = report.outcome("ok");
    long n = report.outcomeTotal() - report.outcome("cancelled") - report.outcome("excluded");
    double[] wilson = VerdictSteps.wilson(ok, n, 3.29);
    assertThat(nominal)
        .as(
            "%s inside the 99.9%% Wilson interval [%s, %s] of %s",
            nominal, wilson[0], wilson[1], report)
        .isBetween(wilson[0], wilson[1]);
  }

  @Then("more than half the probes of servicer {string} timed out")
  public void mostTimedOut(String servicer) {
    ServicerView report = world.report(servicer);
    long timedOut = report.outcome("timeout_connect") + report.outcome("timeout_response");
    assertThat(2 * timedOut)
        .as("twice the timed-out probes of %s against its %d probes", report, report.outcomeTotal())
        .isGreaterThan(report.outcomeTotal());
  }

  @Then("the session excluded at least {int} rounds as {word}")
  public void sessionExcluded(int rounds, String reason) {
    JsonNode counts = world.view().json().path("rounds_excluded");
    assertThat(counts.path(reason).asLong())
        .as("rounds_excluded of %s", world.view())
        .isGreaterThanOrEqualTo(rounds);
    assertThat(counts.path("total").asLong())
        .as("total of %s", counts)
        .isEqualTo(
            counts.path("fisherman_network").asLong() + counts.path("fisherman_stalled").asLong());
  }

  @Then("the session excluded no round")
  public void noRoundExcluded() {
    assertThat(world.view().json().path("rounds_excluded").path("total").asLong(-1))
        .as("rounds_excluded of %s", world.view())
        .isZero();
  }

  @Then("servicer {string} has an excluded probe for every excluded round")
  public void excludedPerRound(String servicer) {
    ServicerView report = world.report(servicer);
    assertThat(report.outcome("excluded"))
        .as("excluded probes of %s", report)
        .isEqualTo(world.view().json().path("rounds_excluded").path("total").asLong());
  }

  @Then("servicer {string} answered more probes ok after that moment")
  public void moreOkAfter(String servicer) {
    long before = world.snapshot(servicer).outcome("ok");
    assertThat(world.report(servicer).outcome("ok"))
        .as("ok probes of servicer %s at the end (%d at that moment)", servicer, before)
        .isGreaterThan(before);
  }
}
