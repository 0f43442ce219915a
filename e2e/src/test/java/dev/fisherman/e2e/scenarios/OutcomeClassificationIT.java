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
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Feature: every failed probe is classified by what went wrong")
class OutcomeClassificationIT {

  @RegisterExtension static final FishermanDaemon fisherman = FishermanDaemon.shared();
  @RegisterExtension static final ServicerFarm farm = new ServicerFarm();

  @ParameterizedTest(
      name = "Given a servicer that fails with {0}, when a session runs, then its probes are {1}")
  @CsvSource({
    "HTTP_STATUS, http_status",
    "RPC_ERROR,   rpc_error",
    "GARBAGE,     invalid_response",
    "HUGE_BODY,   too_large",
    "RESET,       reset",
    "CLOSE,       reset",
    "HANG,        timeout_response",
  })
  @DisplayName("Given a failing servicer, when a session runs, then its probes are classified")
  void failingServicer(Failure failure, String outcome) {
    // 4 MiB against the genesis max_response_bytes of 64 KiB.
    SimulatedServicer servicer =
        farm.servicer(Behaviour.always(failure).withHugeBodyBytes(4L * 1024 * 1024));

    ServicerView view = runSessionAgainst(failure.name().toLowerCase(), servicer.url());

    // Hanging probes near the end are still waiting for their timeout when the session ends.
    assertOnly(view, outcome, failure == Failure.HANG ? 5 : Scenario.ROUNDS);
    if (failure != Failure.HANG) {
      assertThat(view.outcome(outcome))
          .as("%s probes = requests the servicer failed", outcome)
          .isEqualTo(servicer.failures());
    }
  }

  @Test
  @DisplayName(
      "Given a proxy that closes each connection after 20 bytes of the answer, when a session"
          + " runs, then the cut answers are classified reset")
  void truncatedAnswers() {
    SimulatedServicer servicer = farm.servicer(Behaviour.healthy());
    FaultProxy truncating =
        farm.proxy(
            servicer, Toxics.none().withDownstream(Toxics.Direction.clean().closingAfter(20)));

    assertOnly(runSessionAgainst("truncated", truncating.url()), "reset", Scenario.ROUNDS);
  }

  @Test
  @DisplayName(
      "Given a proxy that resets every connection it accepts, when a session runs, then the"
          + " probes are classified reset, or refused where the kernel reported a refusal")
  void resetConnections() {
    SimulatedServicer servicer = farm.servicer(Behaviour.healthy());
    FaultProxy resetting = farm.proxy(servicer, Toxics.reset());

    ServicerView view = runSessionAgainst("reset-by-proxy", resetting.url());

    // The proxy resets right after accepting. Most connects complete and then see the reset; for
    // some (about 1 in 5 here) the kernel reports ECONNREFUSED to the connect itself, and the
    // relay client keeps the kernel's word.
    assertThat(view.outcomes().keySet())
        .as("outcomes of %s", view)
        .contains("reset")
        .isSubsetOf(Set.of("reset", "refused"));
    assertThat(view.outcomeTotal()).as("every probe accounted").isEqualTo(Scenario.ROUNDS);
    assertThat(view.available()).as("verdict of %s", view).isEqualTo("no");
    assertThat(servicer.requests()).isZero();
  }

  private static ServicerView runSessionAgainst(String name, URI url) {
    AdminClient admin = fisherman.client();
    SessionEvent session = SessionEvent.named(name, Scenario.SESSION).with(name, url);
    assertThat(admin.postSession(session).status()).isEqualTo(202);
    SessionView view = admin.awaitSettled(session.sessionId(), Scenario.SETTLE);
    return view.servicer(name);
  }

  /**
   * All probes are {@code outcome} (at least {@code atLeast} of them), but for those still in
   * flight when the session ended.
   */
  private static void assertOnly(ServicerView view, String outcome, int atLeast) {
    Set<String> allowed = new HashSet<>(Set.of(outcome, "cancelled"));
    assertThat(view.outcomes().keySet()).as("outcomes of %s", view).isSubsetOf(allowed);
    assertThat(view.outcome(outcome))
        .as("%s probes of %s", outcome, view)
        .isGreaterThanOrEqualTo(atLeast);
    assertThat(view.outcomeTotal()).as("every probe accounted").isEqualTo(Scenario.ROUNDS);
    assertThat(view.available()).as("verdict of %s", view).isEqualTo("no");
  }
}
