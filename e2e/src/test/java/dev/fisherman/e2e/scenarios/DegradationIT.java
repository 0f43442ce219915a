package dev.fisherman.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.daemon.sim.Behaviour;
import dev.fisherman.daemon.sim.Failure;
import dev.fisherman.daemon.sim.SimulatedServicer;
import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.FishermanDaemon;
import dev.fisherman.e2e.harness.ServicerFarm;
import dev.fisherman.e2e.harness.ServicerView;
import dev.fisherman.e2e.harness.SessionEvent;
import dev.fisherman.e2e.harness.SessionView;
import dev.fisherman.e2e.proxy.FaultProxy;
import dev.fisherman.e2e.proxy.Toxics;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Feature: verdicts follow a servicer that degrades during a session")
class DegradationIT {

  @RegisterExtension static final FishermanDaemon fisherman = FishermanDaemon.shared();
  @RegisterExtension static final ServicerFarm farm = new ServicerFarm();

  @Test
  @DisplayName(
      "Given a healthy servicer, when it starts failing halfway through the session, then its"
          + " verdict changes from available: yes to available: no")
  void servicerStartsFailing() {
    SimulatedServicer servicer = farm.servicer(Behaviour.healthy());
    AdminClient admin = fisherman.client();
    SessionEvent session =
        SessionEvent.named("degrading", Scenario.SESSION).with("degrading", servicer.url());
    assertThat(admin.postSession(session).status()).isEqualTo(202);

    SessionView half =
        admin.awaitOk(
            session.sessionId(), "degrading", Scenario.ROUNDS / 2, Duration.ofSeconds(10));
    ServicerView before = half.servicer("degrading");
    servicer.behave(Behaviour.always(Failure.HTTP_STATUS).withHttpStatus(500));
    SessionView end = admin.awaitSettled(session.sessionId(), Scenario.SETTLE);
    ServicerView after = end.servicer("degrading");

    assertThat(before.available()).as("verdict while healthy: %s", before).isEqualTo("yes");
    assertThat(after.available()).as("verdict at the end: %s", after).isEqualTo("no");
    assertThat(after.outcome("ok") + after.outcome("http_status"))
        .as("outcomes of %s", after)
        .isEqualTo(Scenario.ROUNDS);
    assertThat(after.outcome("http_status")).isEqualTo(servicer.failures()).isPositive();
  }

  @Test
  @DisplayName(
      "Given a fast servicer, when a proxy starts delaying it by 800 ms after a quarter of the"
          + " session, then its verdict changes from latency: low to latency: high")
  void servicerTurnsSlow() {
    SimulatedServicer servicer = farm.servicer(Behaviour.healthy());
    FaultProxy proxy = farm.proxy(servicer, Toxics.none());
    AdminClient admin = fisherman.client();
    SessionEvent session =
        SessionEvent.named("slowing", Scenario.SESSION).with("slowing", proxy.url());
    assertThat(admin.postSession(session).status()).isEqualTo(202);

    SessionView quarter = admin.awaitOk(session.sessionId(), "slowing", 5, Duration.ofSeconds(10));
    ServicerView before = quarter.servicer("slowing");
    proxy.toxics(Toxics.latency(Duration.ofMillis(800)));
    SessionView end = admin.awaitSettled(session.sessionId(), Scenario.SETTLE);
    ServicerView after = end.servicer("slowing");

    assertThat(before.latency()).as("verdict while fast: %s", before).isEqualTo("low");
    assertThat(after.latency()).as("verdict at the end: %s", after).isEqualTo("high");
    assertThat(after.p50()).isPresent();
    assertThat(after.p50().getAsDouble()).isGreaterThan(Scenario.HIGH_LATENCY_MS);
  }
}
