package dev.fisherman.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.e2e.evm.Ganache;
import dev.fisherman.e2e.evm.Ganache.Spec;
import dev.fisherman.e2e.harness.FishermanDaemon;
import dev.fisherman.e2e.harness.GenesisFile;
import dev.fisherman.e2e.harness.ServicerView;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sync, integrity and chain checks against real EVM nodes: ganache processes that share a
 * genesis and block timestamps are one chain; one mined with other timestamps is a fork.
 */
public final class CheckSteps {

  /**
   * Kind {@code evm}, and an integrity round every second round at an offset of 60 to 100 blocks
   * below the head, so scenarios can keep the asked block on a lagging node too.
   */
  private static final String CHECKS =
      """
      "checks": {
            "sync": { "min_agreeing": 2, "allowance": 5 },
            "integrity": { "every": 2, "offset": [60, 100], "quorum": 0.5 }
          }""";

  private final World world;
  private Path dir;

  public CheckSteps(World world) {
    this.world = world;
  }

  @Given("a daemon of its own for an EVM service with chain id {string}")
  public void evmDaemon(String chainId) {
    String services = "[ { \"id\": \"eth\", \"kind\": \"evm\", \"chain_id\": \"%s\" } ]";
    world.ownDaemon(
        FishermanDaemon.start(
            GenesisFile.shortSessions().withServices(services.formatted(chainId), CHECKS),
            "webhook"));
  }

  @Given("{int} EVM servicers {string} on chain {int} at block {int}")
  public void evmGroup(int count, String group, int chainId, int height) {
    List<Spec> specs = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      specs.add(Spec.canonical(group + "-" + i, chainId));
    }
    world.addGroup(group, start(specs, height));
  }

  @Given("an EVM servicer {string} on chain {int} at block {int}")
  public void evmServicer(String name, int chainId, int height) {
    start(List.of(Spec.canonical(name, chainId)), height);
  }

  @Given("an EVM servicer {string} on a fork of chain {int} at block {int}")
  public void evmFork(String name, int chainId, int height) {
    start(List.of(Spec.fork(name, chainId, Duration.ofSeconds(1))), height);
  }

  /** Starts the nodes, mines each to {@code height} and adds them as the scenario's servicers. */
  private List<String> start(List<Spec> specs, int height) {
    Ganache.requireInstalled();
    List<Ganache> nodes = Ganache.start(dir(), specs);
    nodes.forEach(world::closeAtEnd);
    List<String> names = new ArrayList<>();
    for (Ganache node : nodes) {
      node.mineTo(height);
      world.addServicer(
          new World.Servicer(node.name(), node.url(), Optional.empty(), Optional.empty()));
      names.add(node.name());
    }
    return names;
  }

  private Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("fisherman-e2e-ganache-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // Registered before any node, so it runs after every node has stopped.
      Path created = dir;
      world.closeAtEnd(() -> delete(created));
    }
    return dir;
  }

  private static void delete(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  private String verdict(String servicer, String name) {
    return world.report(servicer).verdict(name);
  }

  @Then("servicer {string} is synced: {word}")
  public void synced(String servicer, String expected) {
    assertThat(verdict(servicer, "synced")).as("%s", world.report(servicer)).isEqualTo(expected);
  }

  @Then("servicer {string} is consistent: {word}")
  public void consistent(String servicer, String expected) {
    assertThat(verdict(servicer, "consistent"))
        .as("%s", world.report(servicer))
        .isEqualTo(expected);
  }

  @Then("servicer {string} has chain: {word}")
  public void chain(String servicer, String expected) {
    assertThat(verdict(servicer, "chain")).as("%s", world.report(servicer)).isEqualTo(expected);
  }

  @Then("every servicer of group {string} is yes on every check")
  public void groupYes(String group) {
    for (String name : world.group(group)) {
      ServicerView s = world.report(name);
      assertThat(
              List.of(
                  s.available(), s.verdict("synced"), s.verdict("consistent"), s.verdict("chain")))
          .as("available, synced, consistent and chain of %s", s)
          .containsOnly("yes");
      assertThat(s.json().path("blocks_behind").asLong(-1)).as("blocks behind of %s", s).isZero();
    }
  }

  @Then("servicer {string} is {int} blocks behind")
  public void blocksBehind(String servicer, int blocks) {
    ServicerView s = world.report(servicer);
    assertThat(s.json().path("blocks_behind").asLong(-1))
        .as("blocks behind of %s", s)
        .isEqualTo(blocks);
  }

  @Then("servicer {string} disagreed in some integrity rounds")
  public void disagreed(String servicer) {
    ServicerView s = world.report(servicer);
    assertThat(s.json().path("checks").path("integrity").path("disagreed").asLong())
        .as("integrity rounds %s disagreed in", s)
        .isPositive();
  }

  @Then("servicer {string} serves chain id {string}")
  public void servesChainId(String servicer, String chainId) {
    ServicerView s = world.report(servicer);
    assertThat(s.json().path("checks").path("chain_id").asText()).as("%s", s).isEqualTo(chainId);
  }

  @Then("the session's head is block {int} agreed by at least {int} servicers")
  public void head(int height, int agreedBy) {
    var head = world.view().json().path("head");
    assertThat(head.path("height").asLong()).as("head of %s", world.view()).isEqualTo(height);
    assertThat(head.path("agreed_by").asLong())
        .as("head of %s", world.view())
        .isGreaterThanOrEqualTo(agreedBy);
  }
}
