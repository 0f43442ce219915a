package dev.fisherman.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fisherman.daemon.sim.miner.LocalnetKeys;
import dev.fisherman.daemon.sim.miner.RelayMinerServer;
import dev.fisherman.daemon.sim.node.SimulatedNode;
import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.DaemonProcess;
import dev.fisherman.e2e.harness.GenesisFile;
import dev.fisherman.e2e.harness.ServicerView;
import dev.fisherman.e2e.harness.SessionView;
import dev.fisherman.shannon.crypto.PrivateKey;
import dev.fisherman.shannon.crypto.PublicKey;
import dev.fisherman.shannon.miner.MinerBehaviour;
import dev.fisherman.shannon.miner.SimulatedChain;
import dev.fisherman.shannon.miner.SimulatedRelayMiner;
import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.SimulatedServicer;
import dev.fisherman.testkit.Poll;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Shannon: the packaged daemon as a gateway against a simulated node and simulated RelayMiners in
 * the test JVM, read over its admin port; supplier names of a scenario map to well-known keys.
 */
public final class ShannonSteps {
  private static final Pattern UNDELEGATED =
      Pattern.compile(
          "fisherman_source_events_total\\{result=\"undelegated\",source=\"cometbft\"\\}"
              + " ([0-9.]+)");

  private final World world;
  private final Map<String, Planned> planned = new LinkedHashMap<>();
  private final Map<String, RelayMinerServer> miners = new LinkedHashMap<>();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private EventLoopGroup group;
  private SimulatedServicer healthy;
  private SimulatedServicer slow;
  private boolean delegated;
  private Path exports;
  private AdminClient admin;
  private SessionView session;

  public ShannonSteps(World world) {
    this.world = world;
  }

  private static PrivateKey application() {
    return LocalnetKeys.key("e2e application");
  }

  private static PrivateKey gateway() {
    return LocalnetKeys.key("e2e gateway");
  }

  private static PrivateKey supplier(String name) {
    return LocalnetKeys.key("e2e supplier " + name);
  }

  private static String address(String supplier) {
    return supplier(supplier).address().value();
  }

  @Given("a Shannon network whose application has delegated to the gateway")
  public void delegatedNetwork() {
    network(true);
  }

  @Given("a Shannon network whose application has not delegated to the gateway")
  public void undelegatedNetwork() {
    network(false);
  }

  private void network(boolean delegates) {
    delegated = delegates;
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    healthy = SimulatedServicer.start(group, any, Behaviour.healthy());
    slow = SimulatedServicer.start(group, any, Behaviour.slow(Duration.ofMillis(500)));
    closing.add(healthy);
    closing.add(slow);
  }

  @Given("supplier {string} behind a RelayMiner that is {word}")
  public void supplierBehind(String name, String behaviour) {
    miner(name, MinerBehaviour.valueOf(behaviour.toUpperCase(Locale.ROOT)), healthy);
  }

  @Given("supplier {string} behind a RelayMiner in front of a slow servicer")
  public void supplierSlow(String name) {
    miner(name, MinerBehaviour.HONEST, slow);
  }

  private void miner(String name, MinerBehaviour behaviour, SimulatedServicer backend) {
    // Started once every supplier is known: the chain the miners check holds all their keys.
    planned.put(name, new Planned(behaviour, backend));
  }

  /** A supplier of the scenario before the network starts. */
  private record Planned(MinerBehaviour behaviour, SimulatedServicer backend) {}

  @When("fisherman probes the Shannon network as the gateway")
  public void probes() {
    start(false);
    awaitSecondSession();
  }

  @When("fisherman probes the Shannon network as the gateway, exporting sessions")
  public void probesExporting() {
    start(true);
  }

  @When("fisherman runs against the Shannon network as the gateway")
  public void runs() {
    start(false);
  }

  private void start(boolean export) {
    List<PublicKey> keys =
        new ArrayList<>(List.of(application().publicKey(), gateway().publicKey()));
    planned.keySet().forEach(name -> keys.add(supplier(name).publicKey()));
    SimulatedChain chain =
        SimulatedChain.of(
            keys,
            delegated ? Map.of(application().address(), Set.of(gateway().address())) : Map.of());
    planned.forEach(
        (name, p) -> {
          SimulatedRelayMiner miner =
              SimulatedRelayMiner.create(
                  supplier(name),
                  chain,
                  RelayMinerServer.forwardingTo(p.backend().url(), Duration.ofSeconds(10)));
          miner.behave(p.behaviour());
          RelayMinerServer server =
              RelayMinerServer.start(
                  group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), miner);
          closing.add(server);
          miners.put(name, server);
        });
    String app = application().address().value();
    SimulatedNode.Builder node =
        SimulatedNode.builder()
            .chainId("e2e")
            .blockInterval(Duration.ofSeconds(1))
            .blocksPerSession(4)
            .application(app)
            .account(app, application().publicKey().compressed())
            .account(gateway().address().value(), gateway().publicKey().compressed());
    if (delegated) {
      node.delegation(app, gateway().address().value());
    }
    miners.forEach(
        (name, server) -> {
          node.account(address(name), supplier(name).publicKey().compressed());
          node.supplier("eth", address(name), server.url());
        });
    SimulatedNode running = node.start(group);
    closing.add(running);
    try {
      Path dir = Files.createTempDirectory("fisherman-e2e-shannon-");
      world.closeAtEnd(() -> deleteTree(dir));
      Path key =
          Files.createFile(
              dir.resolve("gateway.key"),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(key, LocalnetKeys.hex("e2e gateway"));
      Path genesis = GenesisFile.shortSessions().writeTo(dir);
      List<String> extra =
          new ArrayList<>(
              List.of(
                  "--node-rpc",
                  running.rpcUrl().toString(),
                  "--node-api",
                  running.apiUrl().toString(),
                  "--application",
                  app,
                  "--gateway-key-file",
                  key.toString()));
      if (export) {
        exports = Files.createDirectory(dir.resolve("exports"));
        extra.addAll(List.of("--export-dir", exports.toString()));
      }
      world.process = DaemonProcess.run(dir, genesis, "cometbft", extra.toArray(String[]::new));
      admin = world.process.client();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(world.process.log())
        .contains("Shannon relays signed as gateway " + gateway().address());
  }

  /**
   * The second session the daemon probes (the first may have started before it was up), settled.
   */
  private void awaitSecondSession() {
    String id =
        Poll.until(
            "a second session",
            Duration.ofSeconds(30),
            () -> {
              JsonNode list = admin.get("/v1/sessions").json();
              return list.size() >= 2
                  ? Optional.of(list.get(list.size() - 2).path("session_id").asText())
                  : Optional.empty();
            });
    session = admin.awaitSettled(id, Duration.ofSeconds(30));
  }

  private ServicerView report(String supplier) {
    return session.servicer(address(supplier));
  }

  private List<JsonNode> lastObservations(String supplier) {
    JsonNode detail =
        admin.get("/v1/sessions/" + session.sessionId() + "/servicers/" + address(supplier)).json();
    List<JsonNode> out = new ArrayList<>();
    detail.path("last_observations").forEach(out::add);
    return out;
  }

  @Then("the probes are classified:")
  public void classified(DataTable table) {
    for (Map<String, String> row : table.asMaps()) {
      String supplier = row.get("supplier");
      String outcome = row.get("outcome");
      String detail = Optional.ofNullable(row.get("detail")).orElse("");
      ServicerView s = report(supplier);
      assertThat(s.outcomes().keySet())
          .as("outcomes of supplier %s: %s", supplier, s)
          .isSubsetOf(outcome, "cancelled")
          .contains(outcome);
      for (JsonNode o : lastObservations(supplier)) {
        if (o.path("outcome").asText().equals(outcome)) {
          assertThat(o.path("detail").asText()).as("detail of %s", supplier).startsWith(detail);
          assertThat(o.path("signed").asBoolean())
              .as("signed, for %s", supplier)
              .isEqualTo(outcome.equals("ok"));
        }
      }
    }
  }

  @Then("supplier {string} is available: {word}")
  public void available(String supplier, String verdict) {
    assertThat(report(supplier).available()).as("%s", report(supplier)).isEqualTo(verdict);
  }

  @Then("supplier {string} has latency: {word}")
  public void latency(String supplier, String verdict) {
    assertThat(report(supplier).latency()).as("%s", report(supplier)).isEqualTo(verdict);
  }

  @Then("fisherman verify-export accepts the export of a session")
  public void verifyAccepts() {
    Path file =
        Poll.until("an export with signed answers", Duration.ofSeconds(40), this::signedExport);
    Result r = verifyExport(file);
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).containsPattern("[1-9][0-9]* signed answers verified, 0 failed");
  }

  @Then("fisherman verify-export rejects that export once a signature is changed")
  public void verifyRejects() throws IOException {
    Path file = signedExport().orElseThrow();
    String text = Files.readString(file);
    int at = text.indexOf("\"signature\":\"", text.indexOf("\"signature\":{")) + 13 + 4;
    char c = text.charAt(at);
    Path forged =
        Files.writeString(
            file.resolveSibling("forged.json"),
            text.substring(0, at) + (c == 'a' ? 'b' : 'a') + text.substring(at + 1));
    Result r = verifyExport(forged);
    assertThat(r.exit()).as(r.out()).isEqualTo(1);
    assertThat(r.out()).contains("signature does not verify over the signed bytes");
  }

  @Then("no session is probed and the refusal is counted as undelegated")
  public void refused() {
    double count =
        Poll.until(
            "an undelegated session counted",
            Duration.ofSeconds(30),
            () -> {
              Matcher m = UNDELEGATED.matcher(admin.metrics());
              return m.find() && Double.parseDouble(m.group(1)) >= 1
                  ? Optional.of(Double.parseDouble(m.group(1)))
                  : Optional.empty();
            });
    assertThat(count).isGreaterThanOrEqualTo(1);
    assertThat(admin.get("/v1/sessions").json().size()).isZero();
    assertThat(world.process.log()).contains("has not delegated to gateway " + gateway().address());
  }

  private Optional<Path> signedExport() {
    try (Stream<Path> files = Files.list(exports)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".ndjson"))
          .filter(
              f -> {
                try {
                  return Files.readString(f).contains("\"signature\":{");
                } catch (IOException e) {
                  return false;
                }
              })
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Result(int exit, String out) {}

  /**
   * {@code java -jar fisherman.jar verify-export FILE}: the shipped jar, as a third party runs it.
   */
  private static Result verifyExport(Path file) {
    try {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  DaemonProcess.jar().toString(),
                  "verify-export",
                  file.toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("verify-export did not end: " + out);
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @After(order = 20)
  public void stop() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
