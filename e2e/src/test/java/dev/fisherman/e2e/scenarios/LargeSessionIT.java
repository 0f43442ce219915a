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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Feature: a large session is probed in full")
class LargeSessionIT {

  @RegisterExtension static final FishermanDaemon fisherman = FishermanDaemon.shared();
  @RegisterExtension static final ServicerFarm farm = new ServicerFarm();

  /** A latency verdict this scenario does not judge. */
  private static final String ANY = "any";

  /** What each kind of servicer in the mix should end up as. */
  private record Kind(String name, int count, String available, String latency) {}

  @Test
  @DisplayName(
      "Given a session of 50 servicers with mixed health, when it runs, then every servicer is"
          + " probed every round, every probe is accounted for, and each gets the verdict its"
          + " health deserves")
  void fiftyServicers() {
    List<Kind> kinds =
        List.of(
            // A healthy servicer's latency verdict is LatencyIT's business: 50 answers arriving at
            // once on a busy 2-core machine say more about the machine than about the verdict.
            new Kind("healthy", 25, "yes", ANY),
            new Kind("slow", 10, "yes", "high"),
            new Kind("failing", 5, "no", "unknown"),
            new Kind("down", 5, "no", "unknown"),
            new Kind("hanging", 5, "no", "unknown"));
    Map<String, Kind> kindOf = new LinkedHashMap<>();
    Map<String, SimulatedServicer> simulated = new LinkedHashMap<>();
    SessionEvent session = SessionEvent.named("fifty", Scenario.SESSION);
    for (Kind kind : kinds) {
      for (int i = 1; i <= kind.count(); i++) {
        String address = kind.name() + "-" + i;
        kindOf.put(address, kind);
        switch (kind.name()) {
          case "down" -> session = session.with(address, farm.refusedUrl());
          default -> {
            SimulatedServicer servicer = farm.servicer(behaviour(kind.name()));
            simulated.put(address, servicer);
            session = session.with(address, servicer.url());
          }
        }
      }
    }
    AdminClient admin = fisherman.client();

    assertThat(admin.postSession(session).status()).isEqualTo(202);
    SessionView view =
        admin.awaitSettled(session.sessionId(), Scenario.SETTLE.plus(Duration.ofSeconds(10)));

    assertThat(view.servicers()).hasSize(50);
    assertThat(view.roundsDone()).isEqualTo(Scenario.ROUNDS);
    SoftAssertions softly = new SoftAssertions();
    List<String> misjudged = new ArrayList<>();
    for (ServicerView s : view.servicers()) {
      Kind kind = kindOf.get(s.address());
      softly.assertThat(kind).as("servicer %s was in the session", s.address()).isNotNull();
      if (kind == null) {
        continue;
      }
      softly
          .assertThat(s.outcomeTotal())
          .as("every probe of %s accounted: %s", s.address(), s)
          .isEqualTo(Scenario.ROUNDS);
      softly.assertThat(s.probes()).as("probes of %s", s.address()).isEqualTo(Scenario.ROUNDS);
      if (!s.available().equals(kind.available())) {
        misjudged.add(s.address() + " available: " + s.available() + " " + s);
      }
      if (!kind.latency().equals(ANY) && !s.latency().equals(kind.latency())) {
        misjudged.add(s.address() + " latency: " + s.latency() + " " + s);
      }
      SimulatedServicer servicer = simulated.get(s.address());
      if (servicer != null && !kind.name().equals("hanging")) {
        softly
            .assertThat(servicer.requests())
            .as("requests %s saw = probes recorded", s.address())
            .isEqualTo(s.probes());
      }
    }
    softly.assertThat(misjudged).as("servicers with the wrong verdict").isEmpty();
    softly.assertAll();
  }

  private static Behaviour behaviour(String kind) {
    return switch (kind) {
      case "healthy" -> Behaviour.healthy();
      case "slow" -> Behaviour.slow(Duration.ofMillis(800)).withJitter(Duration.ofMillis(20));
      case "failing" -> Behaviour.always(Failure.HTTP_STATUS);
      case "hanging" -> Behaviour.always(Failure.HANG);
      default -> throw new IllegalArgumentException("kind: " + kind);
    };
  }
}
