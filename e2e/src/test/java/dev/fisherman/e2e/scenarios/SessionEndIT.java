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
      "Given a servicer that takes 1.5 s to answer, when the session ends while its last probes"
          + " are still waiting, then every planned probe ends recorded or cancelled, once")
  void endsWithProbesInFlight() {
    // The last stratified slots are the final 1.5 s of the window, so several probes are still
    // waiting for their answer (within the 2 s relay timeout) when the window closes.
    SimulatedServicer servicer = farm.servicer(Behaviour.slow(Duration.ofMillis(1500)));
    AdminClient admin = fisherman.client();
    SessionEvent session =
        SessionEvent.named("in-flight", Scenario.SESSION).with("unhurried", servicer.url());
    assertThat(admin.postSession(session).status()).isEqualTo(202);

    SessionView settled = admin.awaitSettled(session.sessionId(), Scenario.SETTLE);
    long settledNanos = System.nanoTime();
    ServicerView atEnd = settled.servicer("unhurried");
    // Ask again after every in-flight probe has certainly been decided (relay timeout 2 s).
    SessionView later =
        admin.await(
            session.sessionId(),
            "2.5 s after the session settled",
            Duration.ofSeconds(5),
            view -> System.nanoTime() - settledNanos > Duration.ofMillis(2500).toNanos());
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
