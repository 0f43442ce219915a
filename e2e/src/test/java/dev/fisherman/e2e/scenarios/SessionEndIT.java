package dev.fisherman.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.daemon.sim.Behaviour;
import dev.fisherman.daemon.sim.SimulatedServicer;
import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.FishermanDaemon;
import dev.fisherman.e2e.harness.ServicerFarm;
import dev.fisherman.e2e.harness.ServicerView;
import dev.fisherman.e2e.harness.SessionEvent;
import dev.fisherman.e2e.harness.SessionView;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Feature: a session that ends while probes are in flight loses none of them")
class SessionEndIT {

  @RegisterExtension static final FishermanDaemon fisherman = FishermanDaemon.shared();
  @RegisterExtension static final ServicerFarm farm = new ServicerFarm();

  @Test
  @DisplayName(
      "Given a servicer that takes 800 ms to answer, when the session ends while its last probes"
          + " are still waiting, then every planned probe ends recorded or cancelled, once")
  void endsWithProbesInFlight() {
    // The last stratified slot is the final 200 ms of the window, so at least the last probe is
    // still waiting for its 800 ms answer when the window closes.
    SimulatedServicer servicer = farm.servicer(Behaviour.slow(Duration.ofMillis(800)));
    AdminClient admin = fisherman.client();
    SessionEvent session =
        SessionEvent.named("in-flight", Scenario.SESSION).with("unhurried", servicer.url());
    assertThat(admin.postSession(session).status()).isEqualTo(202);

    SessionView settled = admin.awaitSettled(session.sessionId(), Scenario.SETTLE);
    long settledNanos = System.nanoTime();
    ServicerView atEnd = settled.servicer("unhurried");
    // Ask again after every in-flight probe has certainly been decided (relay timeout 1 s).
    SessionView later =
        admin.await(
            session.sessionId(),
            "1.5 s after the session settled",
            Duration.ofSeconds(5),
            view -> System.nanoTime() - settledNanos > Duration.ofMillis(1500).toNanos());
    ServicerView afterwards = later.servicer("unhurried");

    assertThat(settled.state()).isEqualTo("ended");
    assertThat(atEnd.outcomes().keySet())
        .as("outcomes of %s", atEnd)
        .isSubsetOf(Set.of("ok", "timeout_response", "cancelled"));
    assertThat(atEnd.outcomeTotal()).as("every planned probe accounted").isEqualTo(Scenario.ROUNDS);
    assertThat(atEnd.outcome("ok")).as("ok probes of %s", atEnd).isPositive();
    assertThat(afterwards.outcomes())
        .as("no probe counted twice or lost after the end: %s", afterwards)
        .isEqualTo(atEnd.outcomes());
  }
}
