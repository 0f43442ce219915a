package dev.fisherman.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * OS-level faults between the fisherman and its servicers: the daemon runs in a network namespace
 * of its own and the kernel drops, loses or throttles its packets. One fault at a time (the
 * scenarios share the namespace), each followed by a session that shows the recovery.
 *
 * <p>The genesis opens a fresh connection per probe, and the kernel loses a connection as a whole
 * (its retransmitted SYNs too): a lost connection is exactly one probe ending {@code
 * timeout_connect}, so the kernel's count of lost connections is the truth the fisherman's estimate
 * is held to.
 */
@DisplayName("Feature: a fisherman measures servicers through a lossy, cut or narrow network")
@Execution(ExecutionMode.SAME_THREAD)
class NetworkFaultsIT {

  private static final int ROUNDS = Scenario.ROUNDS;

  @RegisterExtension
  static final NamespacedFisherman fisherman =
      new NamespacedFisherman(GenesisFile.shortSessions().withConnection("fresh"));

  @RegisterExtension static final ServicerFarm farm = new ServicerFarm();

  @AfterEach
  void restore() {
    fisherman.namespace().restore();
  }

  private SimulatedServicer servicer() {
    return farm.servicerOn(fisherman.hostAddress(), Behaviour.healthy());
  }

  private SessionView run(SessionEvent session) {
    AdminClient admin = fisherman.client();
    assertThat(admin.postSession(session).status())
        .as("POST %s", session.sessionId())
        .isEqualTo(202);
    return admin.awaitSettled(session.sessionId(), Scenario.SETTLE);
  }

  /** A new session after the fault is gone: every servicer answers every probe again. */
  private void assertRecovered(Map<String, SimulatedServicer> servicers) {
    SessionEvent after = SessionEvent.named("recovered", Scenario.SESSION);
    for (Map.Entry<String, SimulatedServicer> e : servicers.entrySet()) {
      after = after.with(e.getKey(), e.getValue().url());
    }
    SessionView view = run(after);
    for (String address : servicers.keySet()) {
      ServicerView s = view.servicer(address);
      assertThat(s.outcome("ok")).as("ok probes of %s after recovery", s).isEqualTo(ROUNDS);
      assertThat(s.available()).as("verdict of %s after recovery", s).isEqualTo("yes");
    }
  }

  @Test
  @DisplayName(
      "Given the kernel loses 10% and 50% of the connections to two servicers, when a"
          + " session runs, then each availability is exactly what got through, the loss rate lies"
          + " inside the interval, a clean servicer is untouched, and all recover")
  void randomLoss() {
    NetNamespace ns = fisherman.namespace();
    SimulatedServicer clean = servicer();
    SimulatedServicer lossy10 = servicer();
    SimulatedServicer lossy50 = servicer();
    ns.loss(lossy10.address(), 0.1);
    ns.loss(lossy50.address(), 0.5);

    SessionView view =
        run(
            SessionEvent.named("loss", Scenario.SESSION)
                .with("clean", clean.url())
                .with("loss-10", lossy10.url())
                .with("loss-50", lossy50.url()));

    assertThat(view.servicer("clean").outcome("ok")).isEqualTo(ROUNDS);
    assertLossAccounted(
        view.servicer("loss-10"), lossy10, ns.lostConnections(lossy10.address()), 0.1);
    assertLossAccounted(
        view.servicer("loss-50"), lossy50, ns.lostConnections(lossy50.address()), 0.5);
    assertThat(view.servicer("loss-50").available()).isEqualTo("no");

    ns.restore();
    assertRecovered(Map.of("clean", clean, "loss-10", lossy10, "loss-50", lossy50));
  }

  private static void assertLossAccounted(
      ServicerView view, SimulatedServicer servicer, long lost, double p) {
    long ok = view.outcome("ok");
    assertThat(ok).as("ok probes of %s = requests it served", view).isEqualTo(servicer.requests());
    assertThat(view.outcome("timeout_connect"))
        .as("timeout_connect probes of %s = connections the kernel lost", view)
        .isEqualTo(lost);
    assertThat(ok + lost).as("every round of %s accounted", view).isEqualTo(ROUNDS);
    double availability = (double) ok / ROUNDS;
    assertThat(view.availability()).hasValue(availability);
    double[] ci = view.availabilityCi95().orElseThrow();
    assertThat(availability).as("estimate inside its interval").isBetween(ci[0], ci[1]);
    // The nominal 1 - p inside a 99.9% Wilson interval of the counts: holds for a working random
    // rule but one run in a thousand, and fails when the rule drops nothing or everything.
    double[] wide = wilson(ok, ROUNDS, 3.29);
    assertThat(1 - p)
        .as(
            "nominal availability %s inside the 99.9%% interval [%s, %s] of %s",
            1 - p, wide[0], wide[1], view)
        .isBetween(wide[0], wide[1]);
  }

  @Test
  @DisplayName(
      "Given a blackhole swallows every packet to one servicer, when a session runs, then each of"
          + " its probes times out connecting and it is available: no, while its neighbour is"
          + " available: yes; after the blackhole is gone both are available: yes")
  void blackhole() {
    NetNamespace ns = fisherman.namespace();
    SimulatedServicer up = servicer();
    SimulatedServicer swallowed = servicer();
    ns.blackhole(swallowed.address());

    SessionView view =
        run(
            SessionEvent.named("blackhole", Scenario.SESSION)
                .with("up", up.url())
                .with("swallowed", swallowed.url()));

    ServicerView gone = view.servicer("swallowed");
    assertThat(gone.outcome("timeout_connect")).as("%s", gone).isEqualTo(ROUNDS);
    assertThat(swallowed.requests()).isZero();
    assertThat(gone.available()).isEqualTo("no");
    assertThat(view.servicer("up").outcome("ok")).isEqualTo(ROUNDS);
    assertThat(view.servicer("up").available()).isEqualTo("yes");

    ns.restore();
    assertRecovered(Map.of("up", up, "swallowed", swallowed));
  }

  @Test
  @DisplayName(
      "Given the fisherman's link carries 4 kbit/s, when a session runs, then answers queue"
          + " behind each other, most probes time out and the servicer is available: no; after the"
          + " limit is lifted it is available: yes")
  void bandwidthLimit() {
    NetNamespace ns = fisherman.namespace();
    SimulatedServicer servicer = servicer();
    ns.bandwidth("4kbit");

    SessionView view =
        run(SessionEvent.named("narrow", Scenario.SESSION).with("narrow", servicer.url()));

    ServicerView narrow = view.servicer("narrow");
    long timedOut = narrow.outcome("timeout_connect") + narrow.outcome("timeout_response");
    assertThat(timedOut).as("timed-out probes of %s", narrow).isGreaterThan(ROUNDS / 2);
    assertThat(narrow.outcomeTotal()).isEqualTo(ROUNDS);
    assertThat(narrow.available()).isEqualTo("no");

    ns.restore();
    assertRecovered(Map.of("narrow", servicer));
  }

  /** The Wilson score interval of {@code successes} in {@code n} for the normal quantile z. */
  static double[] wilson(long successes, long n, double z) {
    double p = (double) successes / n;
    double z2 = z * z;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new double[] {centre - half, centre + half};
  }
}
