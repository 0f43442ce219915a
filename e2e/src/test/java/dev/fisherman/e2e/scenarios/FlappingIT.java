package dev.fisherman.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fisherman.daemon.sim.Behaviour;
import dev.fisherman.daemon.sim.SimulatedServicer;
import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.FishermanDaemon;
import dev.fisherman.e2e.harness.ServicerFarm;
import dev.fisherman.e2e.harness.ServicerView;
import dev.fisherman.e2e.harness.SessionEvent;
import dev.fisherman.e2e.harness.SessionView;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Feature: a fisherman measures how often a flapping servicer is available")
class FlappingIT {

  /** With this seed the servicer fails 6 of its first 20 requests: exactly the set 30%. */
  private static final long SEED = 45;

  @RegisterExtension static final FishermanDaemon fisherman = FishermanDaemon.shared();
  @RegisterExtension static final ServicerFarm farm = new ServicerFarm();

  @Test
  @DisplayName(
      "Given a servicer that fails 30% of requests, when a session runs, then its availability"
          + " is what it served, 70% lies inside the reported Wilson interval, and it is"
          + " available: no")
  void flappingServicer() {
    SimulatedServicer servicer = farm.servicer(Behaviour.flaky(0.3), SEED);
    AdminClient admin = fisherman.client();
    SessionEvent session =
        SessionEvent.named("flapping", Scenario.SESSION).with("flapping", servicer.url());

    assertThat(admin.postSession(session).status()).isEqualTo(202);
    SessionView view = admin.awaitSettled(session.sessionId(), Scenario.SETTLE);

    ServicerView flapping = view.servicer("flapping");
    long failed = servicer.failures();
    long served = servicer.requests() - failed;
    assertThat(servicer.requests()).as("requests seen by the servicer").isEqualTo(Scenario.ROUNDS);
    assertThat(flapping.outcome("http_status"))
        .as("http_status probes of %s = requests the servicer failed", flapping)
        .isEqualTo(failed);
    assertThat(flapping.outcome("ok")).as("ok probes = requests served").isEqualTo(served);
    double availability = (double) served / Scenario.ROUNDS;
    assertThat(flapping.availability()).hasValue(availability);
    assertThat(flapping.availabilityCi95()).as("ci95 of %s", flapping).isPresent();
    double[] ci = flapping.availabilityCi95().get();
    double[] wilson = wilson(served, Scenario.ROUNDS);
    assertThat(ci[0]).as("Wilson lower bound").isCloseTo(wilson[0], within(1e-3));
    assertThat(ci[1]).as("Wilson upper bound").isCloseTo(wilson[1], within(1e-3));
    assertThat(0.7)
        .as("the set availability inside [%s, %s]", ci[0], ci[1])
        .isBetween(ci[0], ci[1]);
    assertThat(failed).as("failures drawn from seed %d", SEED).isEqualTo(6);
    assertThat(flapping.available()).as("verdict of %s", flapping).isEqualTo("no");
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
