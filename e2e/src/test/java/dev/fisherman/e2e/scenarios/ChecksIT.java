package dev.fisherman.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.e2e.evm.Ganache;
import dev.fisherman.e2e.evm.Ganache.Spec;
import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.FishermanDaemon;
import dev.fisherman.e2e.harness.GenesisFile;
import dev.fisherman.e2e.harness.ServicerView;
import dev.fisherman.e2e.harness.SessionEvent;
import dev.fisherman.e2e.harness.SessionView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync, integrity and chain checks against real EVM nodes: ganache processes started from the
 * same genesis and mined in lockstep are one chain; one is left 50 blocks behind, one is mined with
 * other timestamps (a fork), one serves chain 5 where the genesis expects chain 1.
 *
 * <p>The integrity offset is drawn from [60, 100] below the head (120), so the asked block exists
 * on the lagging node too (70) and the lagging node is judged on its height alone.
 */
@DisplayName("Feature: a fisherman tells synced, consistent, right-chain EVM servicers from others")
class ChecksIT {

  private static final long HEAD = 120;
  private static final long LAGGING_AT = HEAD - 50;

  private static final String SERVICES =
      """
      [ { "id": "eth", "kind": "evm", "chain_id": "0x1" } ]""";

  private static final String CHECKS =
      """
      "checks": {
            "sync": { "min_agreeing": 2, "allowance": 5 },
            "integrity": { "every": 2, "offset": [60, 100], "quorum": 0.5 }
          }""";

  @RegisterExtension
  static final FishermanDaemon fisherman =
      FishermanDaemon.own(GenesisFile.shortSessions().withServices(SERVICES, CHECKS), "webhook");

  @TempDir static Path dir;
  private static List<Ganache> nodes = List.of();

  @BeforeAll
  static void nodes() {
    Ganache.requireInstalled();
    nodes =
        Ganache.start(
            dir,
            List.of(
                Spec.canonical("a", 1),
                Spec.canonical("b", 1),
                Spec.canonical("c", 1),
                Spec.canonical("lagging", 1),
                Spec.fork("fork", 1, Duration.ofSeconds(1)),
                Spec.canonical("wrong-chain", 5)));
    Ganache.mineInLockstep(
        List.of(node("a"), node("b"), node("c"), node("fork"), node("wrong-chain")), HEAD);
    node("lagging").mineTo(LAGGING_AT);
  }

  @AfterAll
  static void stop() {
    nodes.forEach(Ganache::close);
  }

  private static Ganache node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  /** A session of the three healthy nodes and {@code others}. */
  private static SessionView session(String name, String... others) {
    SessionEvent event = SessionEvent.named(name, Scenario.SESSION);
    for (String n : List.of("a", "b", "c")) {
      event = event.with(n, node(n).url());
    }
    for (String n : others) {
      event = event.with(n, node(n).url());
    }
    AdminClient admin = fisherman.client();
    assertThat(admin.postSession(event).status()).isEqualTo(202);
    return admin.awaitSettled(event.sessionId(), Scenario.SETTLE);
  }

  private static void assertHealthy(SessionView view) {
    for (String n : List.of("a", "b", "c")) {
      ServicerView s = view.servicer(n);
      assertThat(s.outcome("ok")).as("ok probes of %s", s).isEqualTo(Scenario.ROUNDS);
      assertThat(
              List.of(
                  s.available(), s.verdict("synced"), s.verdict("consistent"), s.verdict("chain")))
          .as("available, synced, consistent, chain of %s", s)
          .containsOnly("yes");
      assertThat(s.json().path("blocks_behind").asLong(-1)).as("blocks behind of %s", s).isZero();
    }
    assertThat(view.json().path("head").path("height").asLong())
        .as("head of %s", view)
        .isEqualTo(HEAD);
  }

  @Test
  @DisplayName(
      "Given three EVM nodes at block 120 and one at block 70, when a session runs, then the"
          + " lagging one is synced: no, 50 blocks behind, and the three are yes on every check")
  void lagging() {
    SessionView view = session("lagging", "lagging");

    assertHealthy(view);
    ServicerView lagging = view.servicer("lagging");
    assertThat(lagging.verdict("synced")).as("%s", lagging).isEqualTo("no");
    assertThat(lagging.json().path("blocks_behind").asLong()).isEqualTo(HEAD - LAGGING_AT);
    assertThat(lagging.available()).as("it still answers").isEqualTo("yes");
  }

  @Test
  @DisplayName(
      "Given an EVM node on a fork of the same height, when a session runs, then it is"
          + " consistent: no while synced: yes, and the three others are yes on every check")
  void fork() {
    SessionView view = session("fork", "fork");

    assertHealthy(view);
    ServicerView fork = view.servicer("fork");
    assertThat(fork.verdict("consistent")).as("%s", fork).isEqualTo("no");
    assertThat(fork.json().path("checks").path("integrity").path("disagreed").asLong())
        .as("integrity rounds %s disagreed in", fork)
        .isPositive();
    assertThat(fork.verdict("synced")).isEqualTo("yes");
  }

  @Test
  @DisplayName(
      "Given an EVM node serving chain 5 where the genesis expects 0x1, when a session runs, then"
          + " it is chain: no with chain id 0x5, and the three others are yes on every check")
  void wrongChain() {
    SessionView view = session("wrong-chain", "wrong-chain");

    assertHealthy(view);
    ServicerView wrong = view.servicer("wrong-chain");
    assertThat(wrong.verdict("chain")).as("%s", wrong).isEqualTo("no");
    assertThat(wrong.json().path("checks").path("chain_id").asText()).isEqualTo("0x5");
    assertThat(wrong.verdict("consistent")).as("same blocks, other chain id").isEqualTo("yes");
  }
}
