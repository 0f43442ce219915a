package dev.fisherman.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.SessionEvent;
import dev.fisherman.e2e.harness.SessionView;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;

/** Sessions: posting them to the daemon's webhook, and waiting for rounds and for their end. */
public final class SessionSteps {

  private final World world;

  public SessionSteps(World world) {
    this.world = world;
  }

  @When("a session runs with every servicer")
  public void aSessionRuns() {
    aSessionStarts();
    world.settle();
  }

  @When("a session starts with every servicer")
  public void aSessionStarts() {
    aSessionOfStarts(World.SESSION);
  }

  @When("a session of {word} starts with every servicer")
  public void aSessionOfStarts(String duration) {
    SessionEvent event = world.newSession("session", duration);
    AdminClient.Response accepted = world.admin().postSession(event);
    assertThat(accepted.status())
        .as("the daemon accepts the session (POST /v1/sessions answered %s)", accepted)
        .isEqualTo(202);
    world.session("session", event);
  }

  @When("the session ends")
  public void theSessionEnds() {
    world.settle();
  }

  @When("session {string} ends")
  public void sessionEnds(String name) {
    world.session(name, world.session(name));
    world.settle();
  }

  @When("servicer {string} has answered {int} probe(s) ok")
  public void hasAnsweredOk(String servicer, int count) {
    SessionView moment =
        world.admin().awaitOk(world.session().sessionId(), servicer, count, Duration.ofSeconds(10));
    world.snapshot(moment);
  }

  @When("{int} rounds are done")
  public void roundsAreDone(int rounds) {
    world.admin().awaitRounds(world.session().sessionId(), rounds, Duration.ofSeconds(15));
  }

  @Then("the session has ended with all {int} rounds done")
  public void endedWithAllRounds(int rounds) {
    SessionView view = world.view();
    assertThat(view.state()).as("state of the session %s", view).isEqualTo("ended");
    assertThat(view.roundsPlanned()).as("rounds planned for the session").isEqualTo(rounds);
    assertThat(view.roundsDone()).as("rounds done in the session").isEqualTo(rounds);
  }

  @Then("the session has {int} servicers")
  public void hasServicers(int count) {
    assertThat(world.view().servicers()).as("servicers in the session's report").hasSize(count);
  }

  @Then("{int} ms later the outcomes of servicer {string} have not changed")
  public void laterUnchanged(int millis, String servicer) {
    long settled = world.settledNanos();
    SessionView later =
        world
            .admin()
            .await(
                world.session().sessionId(),
                millis + " ms after the session settled",
                Duration.ofMillis(millis).plusSeconds(3),
                view -> System.nanoTime() - settled > Duration.ofMillis(millis).toNanos());
    assertThat(later.servicer(servicer).outcomes())
        .as(
            "outcomes of servicer %s %d ms after the session settled: no probe counted twice or"
                + " lost after the end",
            servicer, millis)
        .isEqualTo(world.report(servicer).outcomes());
  }
}
