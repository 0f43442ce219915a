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
import dev.fisherman.e2e.proxy.FaultProxy;
import dev.fisherman.e2e.proxy.Toxics;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Feature: a fisherman tells available servicers from unavailable ones")
class AvailabilityIT {

  @RegisterExtension static final FishermanDaemon fisherman = FishermanDaemon.shared();
  @RegisterExtension static final ServicerFarm farm = new ServicerFarm();

  @Test
  @DisplayName(
      "Given an available servicer, when a session runs, then every probe is ok and it is"
          + " available: yes")
  void availableServicer() {
    SimulatedServicer servicer = farm.servicer(Behaviour.healthy());
    AdminClient admin = fisherman.client();
    SessionEvent session =
        SessionEvent.named("available", Scenario.SESSION).with("healthy", servicer.url());

    assertThat(admin.postSession(session).status()).isEqualTo(202);
    SessionView view = admin.awaitSettled(session.sessionId(), Scenario.SETTLE);

    ServicerView healthy = view.servicer("healthy");
    assertThat(view.state()).as("session state: %s", view).isEqualTo("ended");
    assertThat(view.roundsPlanned()).isEqualTo(Scenario.ROUNDS);
    assertThat(view.roundsDone()).isEqualTo(Scenario.ROUNDS);
    assertThat(healthy.probes()).as("probes of %s", healthy).isEqualTo(Scenario.ROUNDS);
    assertThat(healthy.outcomes()).as("outcomes").containsOnlyKeys("ok");
    assertThat(healthy.outcome("ok")).isEqualTo(Scenario.ROUNDS);
    assertThat(healthy.availability()).hasValue(1.0);
    assertThat(healthy.available()).as("verdict of %s", healthy).isEqualTo("yes");
    assertThat(servicer.requests())
        .as("requests the servicer saw = probes the fisherman recorded")
        .isEqualTo(Scenario.ROUNDS);
  }

  @Test
  @DisplayName(
      "Given a servicer that refuses connections, when a session runs, then every probe is"
          + " refused and it is available: no")
  void refusingServicer() {
    AdminClient admin = fisherman.client();
    SessionEvent session =
        SessionEvent.named("refused", Scenario.SESSION).with("down", farm.refusedUrl());

    assertThat(admin.postSession(session).status()).isEqualTo(202);
    SessionView view = admin.awaitSettled(session.sessionId(), Scenario.SETTLE);

    ServicerView down = view.servicer("down");
    assertThat(down.outcomes()).as("outcomes of %s", down).containsOnlyKeys("refused");
    assertThat(down.outcome("refused")).isEqualTo(Scenario.ROUNDS);
    assertThat(down.availability()).hasValue(0.0);
    assertThat(down.available()).as("verdict of %s", down).isEqualTo("no");
  }

  @Test
  @DisplayName(
      "Given a servicer behind a blackhole that accepts and never answers, when a session runs,"
          + " then its probes time out and it is available: no")
  void blackholedServicer() {
    SimulatedServicer servicer = farm.servicer(Behaviour.healthy());
    FaultProxy blackhole = farm.proxy(servicer, Toxics.blackhole());
    AdminClient admin = fisherman.client();
    SessionEvent session =
        SessionEvent.named("blackhole", Scenario.SESSION).with("blackholed", blackhole.url());

    assertThat(admin.postSession(session).status()).isEqualTo(202);
    SessionView view = admin.awaitSettled(session.sessionId(), Scenario.SETTLE);

    ServicerView blackholed = view.servicer("blackholed");
    // Probes still waiting for their timeout when the session ends may be cancelled instead.
    assertThat(blackholed.outcomes().keySet())
        .as("outcomes of %s", blackholed)
        .isSubsetOf(Set.of("timeout_response", "cancelled"));
    assertThat(blackholed.outcome("timeout_response")).isGreaterThanOrEqualTo(5);
    assertThat(blackholed.outcomeTotal()).isEqualTo(Scenario.ROUNDS);
    assertThat(blackholed.availability()).hasValue(0.0);
    assertThat(blackholed.available()).as("verdict of %s", blackholed).isEqualTo("no");
    assertThat(blackhole.connections()).as("the daemon did connect").isPositive();
    assertThat(servicer.requests()).as("nothing passed the blackhole").isZero();
  }
}
