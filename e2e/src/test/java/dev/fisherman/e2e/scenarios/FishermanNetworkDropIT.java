package dev.fisherman.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fisherman.daemon.sim.Behaviour;
import dev.fisherman.daemon.sim.SimulatedServicer;
import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.GenesisFile;
import dev.fisherman.e2e.harness.ServicerFarm;
import dev.fisherman.e2e.harness.ServicerView;
import dev.fisherman.e2e.harness.SessionEvent;
import dev.fisherman.e2e.harness.SessionView;
import dev.fisherman.e2e.netns.NamespacedFisherman;
import dev.fisherman.e2e.netns.NetNamespace;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fisherman's own network drops while it probes: the daemon runs in a network namespace and the
 * namespace drops every packet (but the admin port's, so the test can watch) for a few rounds.
 * Nobody is blamed for those rounds; a servicer that is really down is blamed before and after.
 *
 * <p>A fresh connection per probe makes every probe of a dropped round a connect timeout, a
 * network-class failure. No canaries: the rule "the failure hit every servicer of the round at
 * once" decides.
 */
@DisplayName("Feature: a fisherman that loses its own network blames no servicer for it")
class FishermanNetworkDropIT {

  @RegisterExtension
  static final NamespacedFisherman fisherman =
      new NamespacedFisherman(GenesisFile.shortSessions().withConnection("fresh"));

  @RegisterExtension static final ServicerFarm farm = new ServicerFarm();

  /** A 12-second session: 20 rounds, one every 0.6 s, room for a drop of several rounds. */
  private static final String LONG_SESSION = "12s";

  private static final Set<String> UP_OUTCOMES = Set.of("ok", "excluded");
  private static final Set<String> DOWN_OUTCOMES = Set.of("refused", "excluded");

  private static long excluded(SessionView view, String reason) {
    JsonNode counts = view.json().path("rounds_excluded");
    assertThat(counts.isObject()).as("rounds_excluded in %s", view).isTrue();
    return counts.path(reason).asLong();
  }

  @Test
  @DisplayName(
      "Given the fisherman's network drops everything for several rounds, when the session runs,"
          + " then those rounds are excluded as fisherman_network, /readyz says so, nobody is judged"
          + " unavailable for them, probing resumes after the drop, and a servicer that is really"
          + " down is still available: no")
  void fullNetworkDrop() {
    NetNamespace ns = fisherman.namespace();
    AdminClient admin = fisherman.client();
    SimulatedServicer up1 = farm.servicerOn(fisherman.hostAddress(), Behaviour.healthy());
    SimulatedServicer up2 = farm.servicerOn(fisherman.hostAddress(), Behaviour.healthy());
    URI down = farm.refusedUrlOn(fisherman.hostAddress());
    SessionEvent session =
        SessionEvent.named("drop", LONG_SESSION)
            .with("up-1", up1.url())
            .with("up-2", up2.url())
            .with("down", down);
    assertThat(admin.postSession(session).status()).isEqualTo(202);
    admin.awaitOk(session.sessionId(), "up-1", 4, Duration.ofSeconds(10));

    ns.dropAll();
    SessionView during;
    try {
      during =
          admin.await(
              session.sessionId(),
              "3 rounds excluded as fisherman_network",
              Duration.ofSeconds(10),
              v -> v.json().path("rounds_excluded").path("fisherman_network").asLong() >= 3);
      AdminClient.Response readyz = admin.get("/readyz");
      assertThat(readyz.status()).as("/readyz during the drop: %s", readyz.body()).isEqualTo(200);
      assertThat(readyz.json().path("checks").path("self_check").asText())
          .as("self_check during the drop")
          .isEqualTo("degraded: rounds excluded (fisherman_network)");
    } finally {
      ns.restore();
    }
    long okAtRestore = during.servicer("up-1").outcome("ok");
    SessionView view = admin.awaitSettled(session.sessionId(), Duration.ofSeconds(25));

    long network = excluded(view, "fisherman_network");
    assertThat(network).as("rounds excluded for the drop in %s", view).isGreaterThanOrEqualTo(3);
    assertThat(excluded(view, "total")).isEqualTo(network + excluded(view, "fisherman_stalled"));
    for (String address : new String[] {"up-1", "up-2"}) {
      ServicerView up = view.servicer(address);
      assertThat(up.outcomes().keySet()).as("outcomes of %s", up).isSubsetOf(UP_OUTCOMES);
      assertThat(up.outcome("excluded"))
          .as("excluded probes of %s", up)
          .isEqualTo(excluded(view, "total"));
      assertThat(up.availability()).as("availability of %s", up).hasValue(1.0);
      assertThat(up.available()).as("verdict of %s", up).isEqualTo("yes");
    }
    assertThat(view.servicer("up-1").outcome("ok"))
        .as("ok probes after the drop (%d at restore)", okAtRestore)
        .isGreaterThan(okAtRestore);
    ServicerView gone = view.servicer("down");
    assertThat(gone.outcomes().keySet()).as("outcomes of %s", gone).isSubsetOf(DOWN_OUTCOMES);
    assertThat(gone.outcome("refused")).as("%s", gone).isPositive();
    assertThat(gone.available()).as("verdict of %s", gone).isEqualTo("no");

    SessionEvent after =
        SessionEvent.named("after-drop", Scenario.SESSION)
            .with("up-1", up1.url())
            .with("up-2", up2.url())
            .with("down", down);
    assertThat(admin.postSession(after).status()).isEqualTo(202);
    SessionView recovered = admin.awaitSettled(after.sessionId(), Scenario.SETTLE);
    assertThat(excluded(recovered, "total")).as("%s", recovered).isZero();
    assertThat(recovered.servicer("up-1").available()).isEqualTo("yes");
    assertThat(recovered.servicer("up-2").available()).isEqualTo("yes");
    assertThat(recovered.servicer("down").outcome("refused")).isEqualTo(Scenario.ROUNDS);
    assertThat(recovered.servicer("down").available()).isEqualTo("no");
    assertThat(admin.get("/readyz").json().path("checks").path("self_check").asText())
        .as("self_check after the drop")
        .isEqualTo("ok");
  }
}
