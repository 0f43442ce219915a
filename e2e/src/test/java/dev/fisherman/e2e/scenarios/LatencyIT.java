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
import dev.fisherman.e2e.proxy.FaultProxy;
import dev.fisherman.e2e.proxy.Toxics;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Feature: a fisherman tells fast servicers from slow ones")
class LatencyIT {

  @RegisterExtension static final FishermanDaemon fisherman = FishermanDaemon.shared();
  @RegisterExtension static final ServicerFarm farm = new ServicerFarm();

  @Test
  @DisplayName(
      "Given a servicer that answers at once, when a session runs, then its p50 is far below"
          + " high_latency and it is latency: low")
  void lowLatencyServicer() {
    SimulatedServicer servicer = farm.servicer(Behaviour.healthy());
    AdminClient admin = fisherman.client();
    SessionEvent session =
        SessionEvent.named("fast", Scenario.SESSION).with("fast", servicer.url());

    assertThat(admin.postSession(session).status()).isEqualTo(202);
    SessionView view = admin.awaitSettled(session.sessionId(), Scenario.SETTLE);

    ServicerView fast = view.servicer("fast");
    assertThat(fast.outcome("ok")).as("outcomes of %s", fast).isEqualTo(Scenario.ROUNDS);
    assertThat(fast.p50()).as("p50 of %s", fast).isPresent();
    assertThat(fast.p50().getAsDouble()).isLessThan(Scenario.HIGH_LATENCY_MS / 4);
    assertThat(fast.latency()).as("latency verdict of %s", fast).isEqualTo("low");
  }

  @Test
  @DisplayName(
      "Given a servicer whose answers a proxy delays by 800 ms, when a session runs, then it is"
          + " latency: high and its measured p50 is within 5% of 800 ms")
  void highLatencyServicer() {
    // Scheduling noise on a busy machine is absolute, not relative: a large delay keeps 5%
    // meaningful (40 ms) while the relay timeout (2 s) still leaves every answer in time.
    Duration injected = Duration.ofMillis(800);
    SimulatedServicer servicer = farm.servicer(Behaviour.healthy());
    FaultProxy delay = farm.proxy(servicer, Toxics.latency(injected));
    AdminClient admin = fisherman.client();
    SessionEvent session = SessionEvent.named("slow", Scenario.SESSION).with("slow", delay.url());

    assertThat(admin.postSession(session).status()).isEqualTo(202);
    SessionView view = admin.awaitSettled(session.sessionId(), Scenario.SETTLE);

    ServicerView slow = view.servicer("slow");
    assertThat(slow.outcome("ok"))
        .as("ok probes of %s (those of the last 800 ms may be cancelled at the end)", slow)
        .isGreaterThanOrEqualTo(Scenario.ROUNDS - 6);
    assertThat(slow.outcomes().keySet()).isSubsetOf(Set.of("ok", "cancelled"));
    assertThat(slow.p50()).as("p50 of %s", slow).isPresent();
    assertThat(slow.p50().getAsDouble())
        .as(
            "measured p50 against the injected %d ms; the servicer's last observations: %s",
            injected.toMillis(),
            admin
                .get("/v1/sessions/" + session.sessionId() + "/servicers/slow")
                .json()
                .path("last_observations"))
        .isCloseTo(injected.toMillis(), within(injected.toMillis() * 0.05));
    assertThat(slow.latency()).as("latency verdict of %s", slow).isEqualTo("high");
  }
}
