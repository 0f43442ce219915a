package dev.fisherman.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fisherman.daemon.sim.SimulatedServicer;
import dev.fisherman.e2e.harness.ServicerView;
import io.cucumber.java.en.Then;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;

/** What the daemon reports about a servicer once its session ended: probes, outcomes, verdicts. */
public final class VerdictSteps {

  private final World world;

  public VerdictSteps(World world) {
    this.world = world;
  }

  @Then("servicer {string} is available: {word}")
  public void isAvailable(String servicer, String verdict) {
    ServicerView s = world.report(servicer);
    assertThat(s.available())
        .as("availability verdict of servicer %s: %s", servicer, s)
        .isEqualTo(verdict);
  }

  @Then("servicer {string} has latency: {word}")
  public void hasLatency(String servicer, String verdict) {
    ServicerView s = world.report(servicer);
    assertThat(s.latency())
        .as("latency verdict of servicer %s: %s", servicer, s)
        .isEqualTo(verdict);
  }

  @Then("at that moment servicer {string} was available: {word}")
  public void wasAvailable(String servicer, String verdict) {
    ServicerView s = world.snapshot(servicer);
    assertThat(s.available())
        .as("availability verdict of servicer %s at that moment: %s", servicer, s)
        .isEqualTo(verdict);
  }

  @Then("at that moment servicer {string} had latency: {word}")
  public void hadLatency(String servicer, String verdict) {
    ServicerView s = world.snapshot(servicer);
    assertThat(s.latency())
        .as("latency verdict of servicer %s at that moment: %s", servicer, s)
        .isEqualTo(verdict);
  }

  @Then("every probe of servicer {string} is {word}")
  public void everyProbeIs(String servicer, String outcome) {
    ServicerView s = world.report(servicer);
    assertThat(s.outcomes())
        .as("outcome classes of the probes of servicer %s: %s", servicer, s)
        .containsOnlyKeys(outcome);
    assertThat(s.outcome(outcome))
        .as("%s probes of servicer %s, one per planned round", outcome, servicer)
        .isEqualTo(world.view().roundsPlanned());
  }

  @Then("the probes of servicer {string} are only {outcomes}")
  public void probesAreOnly(String servicer, Set<String> outcomes) {
    ServicerView s = world.report(servicer);
    assertThat(s.outcomes().keySet())
        .as("outcome classes of the probes of servicer %s: %s", servicer, s)
        .isSubsetOf(outcomes);
  }

  @Then("some probes of servicer {string} are {word}")
  public void someProbesAre(String servicer, String outcome) {
    ServicerView s = world.report(servicer);
    assertThat(s.outcomes().keySet())
        .as("outcome classes of the probes of servicer %s: %s", servicer, s)
        .contains(outcome);
  }

  @Then("servicer {string} has at least {int} {word} probes")
  public void atLeastProbes(String servicer, int count, String outcome) {
    ServicerView s = world.report(servicer);
    assertThat(s.outcome(outcome))
        .as("%s probes of servicer %s: %s", outcome, servicer, s)
        .isGreaterThanOrEqualTo(count);
  }

  @Then("servicer {string} has {int} {word} probes")
  public void exactlyProbes(String servicer, int count, String outcome) {
    ServicerView s = world.report(servicer);
    assertThat(s.outcome(outcome))
        .as("%s probes of servicer %s: %s", outcome, servicer, s)
        .isEqualTo(count);
  }

  @Then("every planned probe of servicer {string} is accounted for")
  public void accountedFor(String servicer) {
    ServicerView s = world.report(servicer);
    assertThat(s.outcomeTotal())
        .as("probes of servicer %s with an outcome, against the planned rounds: %s", servicer, s)
        .isEqualTo(world.view().roundsPlanned());
  }

  @Then("servicer {string} was probed {int} times")
  public void probedTimes(String servicer, int count) {
    ServicerView s = world.report(servicer);
    assertThat(s.probes()).as("probes recorded for servicer %s: %s", servicer, s).isEqualTo(count);
  }

  @Then("servicer {string} has availability {double}")
  public void hasAvailability(String servicer, double availability) {
    ServicerView s = world.report(servicer);
    assertThat(s.availability())
        .as("availability of servicer %s: %s", servicer, s)
        .hasValue(availability);
  }

  @Then("servicer {string} saw as many requests as the fisherman recorded probes")
  public void sawAsManyRequests(String servicer) {
    assertThat(world.servicer(servicer).sim().requests())
        .as("requests servicer %s saw, against the probes the fisherman recorded", servicer)
        .isEqualTo(world.report(servicer).probes());
  }

  @Then("servicer {string} saw {int} requests")
  public void sawRequests(String servicer, int count) {
    assertThat(world.servicer(servicer).sim().requests())
        .as("requests servicer %s saw", servicer)
        .isEqualTo(count);
  }

  @Then("servicer {string} saw no request")
  public void sawNoRequest(String servicer) {
    assertThat(world.servicer(servicer).sim().requests())
        .as("requests that reached servicer %s", servicer)
        .isZero();
  }

  @Then("the proxy in front of servicer {string} was connected to")
  public void proxyConnected(String servicer) {
    assertThat(world.servicer(servicer).proxy().orElseThrow().connections())
        .as("connections the fisherman opened to the proxy in front of servicer %s", servicer)
        .isPositive();
  }

  @Then("servicer {string} failed {int} of its requests")
  public void failedRequests(String servicer, int count) {
    assertThat(world.servicer(servicer).sim().failures())
        .as("requests servicer %s failed on purpose", servicer)
        .isEqualTo(count);
  }

  @Then("servicer {string} failed some of its requests")
  public void failedSome(String servicer) {
    assertThat(world.servicer(servicer).sim().failures())
        .as("requests servicer %s failed on purpose", servicer)
        .isPositive();
  }

  @Then("the {word} probes of servicer {string} are the requests it failed")
  public void probesAreFailures(String outcome, String servicer) {
    ServicerView s = world.report(servicer);
    assertThat(s.outcome(outcome))
        .as("%s probes of servicer %s, against the requests it failed: %s", outcome, servicer, s)
        .isEqualTo(world.servicer(servicer).sim().failures());
  }

  @Then("the ok probes of servicer {string} are the requests it served")
  public void okProbesAreServed(String servicer) {
    SimulatedServicer sim = world.servicer(servicer).sim();
    ServicerView s = world.report(servicer);
    assertThat(s.outcome("ok"))
        .as("ok probes of servicer %s, against the requests it served: %s", servicer, s)
        .isEqualTo(sim.requests() - sim.failures());
  }

  @Then("the availability of servicer {string} is the share of requests it served")
  public void availabilityIsShareServed(String servicer) {
    SimulatedServicer sim = world.servicer(servicer).sim();
    double served = (double) (sim.requests() - sim.failures()) / world.view().roundsPlanned();
    assertThat(world.report(servicer).availability())
        .as("availability of servicer %s, against the share of requests it served", servicer)
        .hasValue(served);
  }

  @Then("the 95% interval of servicer {string} is the Wilson interval of what it served")
  public void wilsonInterval(String servicer) {
    SimulatedServicer sim = world.servicer(servicer).sim();
    ServicerView s = world.report(servicer);
    double[] ci = ci95(servicer);
    double[] wilson = wilson(sim.requests() - sim.failures(), world.view().roundsPlanned());
    assertThat(ci[0])
        .as("lower bound of the 95%% interval of %s", s)
        .isCloseTo(wilson[0], within(1e-3));
    assertThat(ci[1])
        .as("upper bound of the 95%% interval of %s", s)
        .isCloseTo(wilson[1], within(1e-3));
  }

  @Then("the 95% interval of servicer {string} contains {double}")
  public void intervalContains(String servicer, double availability) {
    double[] ci = ci95(servicer);
    assertThat(availability)
        .as("availability %s inside the reported interval [%s, %s]", availability, ci[0], ci[1])
        .isBetween(ci[0], ci[1]);
  }

  @Then("the median latency of servicer {string} is below {int} ms")
  public void medianBelow(String servicer, int millis) {
    assertThat(p50(servicer))
        .as("median latency (p50) of servicer %s in ms: %s", servicer, world.report(servicer))
        .isLessThan(millis);
  }

  @Then("the median latency of servicer {string} is above {int} ms")
  public void medianAbove(String servicer, int millis) {
    assertThat(p50(servicer))
        .as("median latency (p50) of servicer %s in ms: %s", servicer, world.report(servicer))
        .isGreaterThan(millis);
  }

  @Then("the median latency of servicer {string} is within {int}% of {int} ms")
  public void medianWithin(String servicer, int percent, int millis) {
    assertThat(p50(servicer))
        .as(
            "median latency (p50) of servicer %s in ms, against %d ms; its last observations: %s",
            servicer,
            millis,
            world
                .admin()
                .get("/v1/sessions/" + world.session().sessionId() + "/servicers/" + servicer)
                .json()
                .path("last_observations"))
        .isCloseTo(millis, within(millis * percent / 100.0));
  }

  @Then("every servicer was probed in every round")
  public void everyServicerEveryRound() {
    int rounds = world.view().roundsPlanned();
    assertThat(world.view().roundsDone()).as("rounds done in the session").isEqualTo(rounds);
    SoftAssertions softly = new SoftAssertions();
    for (ServicerView s : world.view().servicers()) {
      softly
          .assertThat(s.outcomeTotal())
          .as("probes of servicer %s with an outcome: %s", s.address(), s)
          .isEqualTo(rounds);
      softly.assertThat(s.probes()).as("probes of servicer %s", s.address()).isEqualTo(rounds);
    }
    softly.assertAll();
  }

  @Then("every servicer of group {string} is available: {word}")
  public void groupAvailable(String group, String verdict) {
    List<String> misjudged = new ArrayList<>();
    for (String name : world.group(group)) {
      ServicerView s = world.report(name);
      if (!s.available().equals(verdict)) {
        misjudged.add(name + " available: " + s.available() + " " + s);
      }
    }
    assertThat(misjudged).as("servicers of group %s not available: %s", group, verdict).isEmpty();
  }

  @Then("every servicer of group {string} has latency: {word}")
  public void groupLatency(String group, String verdict) {
    List<String> misjudged = new ArrayList<>();
    for (String name : world.group(group)) {
      ServicerView s = world.report(name);
      if (!s.latency().equals(verdict)) {
        misjudged.add(name + " latency: " + s.latency() + " " + s);
      }
    }
    assertThat(misjudged).as("servicers of group %s without latency: %s", group, verdict).isEmpty();
  }

  @Then("every servicer of group {string} saw as many requests as the fisherman recorded probes")
  public void groupRequests(String group) {
    SoftAssertions softly = new SoftAssertions();
    for (String name : world.group(group)) {
      softly
          .assertThat(world.servicer(name).sim().requests())
          .as("requests servicer %s saw, against the probes the fisherman recorded", name)
          .isEqualTo(world.report(name).probes());
    }
    softly.assertAll();
  }

  private double p50(String servicer) {
    ServicerView s = world.report(servicer);
    assertThat(s.p50()).as("median latency (p50) of servicer %s: %s", servicer, s).isPresent();
    return s.p50().getAsDouble();
  }

  private double[] ci95(String servicer) {
    ServicerView s = world.report(servicer);
    assertThat(s.availabilityCi95())
        .as("95%% interval of servicer %s: %s", servicer, s)
        .isPresent();
    return s.availabilityCi95().get();
  }

  /** The Wilson score interval at 95% (z = 1.96) of {@code k} successes in {@code n}. */
  private static double[] wilson(long k, long n) {
    double z = 1.959963984540054;
    double p = (double) k / n;
    double denominator = 1 + z * z / n;
    double centre = (p + z * z / (2.0 * n)) / denominator;
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }
}
