package dev.fisherman.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import dev.fisherman.daemon.sim.node.SimulatedNode;
import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.GenesisFile;
import dev.fisherman.e2e.harness.SessionView;
import dev.fisherman.testkit.Poll;
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
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The image as a node sidecar: a simulated CometBFT/poktroll node in the test JVM, the image as a
 * container beside it on the host network (Testcontainers), read over its admin port.
 */
public final class ContainerSteps {
  private static final String IMAGE = System.getProperty("fisherman.image", "fisherman:dev");
  private static final String APPLICATION = "pokt1e2eapp";
  private static final int BLOCKS_PER_SESSION = 6;
  private static final Duration READY = Duration.ofSeconds(90);
  private static final Pattern ACCOUNTING =
      Pattern.compile("planned=(\\d+) recorded=(\\d+) cancelled=(\\d+)");

  private final World world;
  private final StringBuffer logs = new StringBuffer();
  private EventLoopGroup group;
  private SimulatedNode node;
  private GenericContainer<?> container;
  private AdminClient admin;
  private Path dir;
  private String current;
  private int roundsBefore;

  public ContainerSteps(World world) {
    this.world = world;
  }

  /** The supplier address a scenario's servicer has on the simulated chain. */
  static String supplier(String servicer) {
    return "pokt1" + servicer.replaceAll("[^a-z0-9]", "");
  }

  @Given("a simulated node whose sessions list every servicer as a supplier")
  public void aSimulatedNode() {
    requireEngine();
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    SimulatedNode.Builder b =
        SimulatedNode.builder()
            .chainId("e2e")
            .blockInterval(Duration.ofSeconds(1))
            .blocksPerSession(BLOCKS_PER_SESSION)
            .startHeight(50)
            .application(APPLICATION);
    for (World.Servicer s : world.servicers()) {
      b.supplier("eth", supplier(s.name()), s.url());
    }
    node = b.start(group);
  }

  @When("the image runs as a container with a read-only root, reading sessions from the node")
  public void theImageRuns() throws IOException {
    dir = Files.createTempDirectory("fisherman-container");
    Path genesis =
        new GenesisFile(
                "1s",
                BLOCKS_PER_SESSION,
                12,
                "stratified",
                "0s",
                "2s",
                "400ms",
                0.9,
                3,
                65_536,
                "reuse",
                GenesisFile.ETH_JSONRPC,
                "")
            .writeTo(dir);
    // The container runs as uid 65532: the mounted file must be readable by others.
    Files.setPosixFilePermissions(genesis, PosixFilePermissions.fromString("rw-r--r--"));
    int adminPort = freePort();
    admin = AdminClient.at(URI.create("http://127.0.0.1:" + adminPort));
    container =
        new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withNetworkMode("host")
            .withCreateContainerCmdModifier(
                cmd ->
                    cmd.getHostConfig()
                        .withReadonlyRootfs(true)
                        .withBinds(Bind.parse(genesis + ":/etc/fisherman/e2e.json:ro")))
            .withCommand(
                "run",
                "--genesis",
                "/etc/fisherman/e2e.json",
                "--source",
                "cometbft",
                "--node-rpc",
                node.rpcUrl().toString(),
                "--node-api",
                node.apiUrl().toString(),
                "--application",
                APPLICATION,
                "--admin",
                "127.0.0.1:" + adminPort)
            .withLogConsumer(frame -> logs.append(frame.getUtf8String()))
            .withStartupTimeout(READY);
    container.start();
    Poll.until(
        "the container's /readyz to answer 200 (log: " + logs + ")",
        READY,
        () -> ready() ? Optional.of(true) : Optional.empty());
    assertThat(admin.get("/readyz").json().path("checks").path("source:cometbft").asText())
        .isEqualTo("ok");
  }

  @Then(
      "a session from the node is judged: servicer {string} available, servicer {string} of high"
          + " latency")
  public void aSessionIsJudged(String available, String slow) {
    String a = supplier(available);
    String s = supplier(slow);
    String id =
        Poll.until(
            "a session from the node with judged servicers (log: " + logs + ")",
            Duration.ofSeconds(60),
            () ->
                sessions().stream()
                    .filter(
                        v ->
                            v.find(a).filter(x -> x.available().equals("yes")).isPresent()
                                && v.find(s).filter(x -> x.latency().equals("high")).isPresent())
                    .map(SessionView::sessionId)
                    .findFirst());
    assertThat(id).matches("[0-9a-f]{64}");
    assertThat(node.sessions(APPLICATION, "eth", 1, node.height()))
        .extracting(SimulatedNode.Session::sessionId)
        .contains(id);
    SessionView view = admin.session(id).orElseThrow();
    assertThat(view.servicers())
        .extracting(v -> v.address())
        .containsExactlyInAnyOrderElementsOf(
            world.servicers().stream().map(x -> supplier(x.name())).toList());
    for (World.Servicer x : world.servicers()) {
      assertThat(x.sim().requests()).as("requests to %s", x.name()).isPositive();
    }
  }

  @When("the node drops its websockets in the middle of a session")
  public void theNodeDropsItsWebsockets() {
    current =
        Poll.until(
            "an active session with rounds done",
            Duration.ofSeconds(30),
            () ->
                sessions().stream()
                    .filter(v -> v.state().equals("active") && v.roundsDone() > 0)
                    .map(SessionView::sessionId)
                    .findFirst());
    roundsBefore = admin.session(current).orElseThrow().roundsDone();
    long connections = node.websocketConnections();
    node.dropWebsockets();
    Poll.until(
        "the container to reconnect to the node (log: " + logs + ")",
        Duration.ofSeconds(30),
        () -> node.websocketConnections() > connections ? Optional.of(true) : Optional.empty());
  }

  @Then("that session goes on after the container reconnects, and the next session is found")
  public void thatSessionGoesOn() {
    SessionView after =
        Poll.until(
            "session " + current + " to go on after the drop",
            Duration.ofSeconds(30),
            () -> admin.session(current).filter(s -> s.roundsDone() > roundsBefore));
    assertThat(after.roundsDone()).isGreaterThan(roundsBefore);
    String next = node.session(APPLICATION, "eth", node.height() + BLOCKS_PER_SESSION).sessionId();
    Poll.until(
        "the session after the drop, " + next + ", to be found",
        Duration.ofSeconds(30),
        () ->
            sessions().stream().anyMatch(v -> v.sessionId().equals(next))
                ? Optional.of(true)
                : Optional.empty());
    assertThat(logs.toString()).contains("websocket lost");
  }

  @When("the container gets SIGTERM")
  public void theContainerGetsSigterm() {
    docker().killContainerCmd(container.getContainerId()).withSignal("TERM").exec();
  }

  @Then("the container exits with code {int} and its log accounts for every probe")
  public void theContainerExits(int code) {
    String id = container.getContainerId();
    Long exit =
        Poll.until(
            "the container to exit after SIGTERM",
            Duration.ofSeconds(30),
            () -> {
              var state = docker().inspectContainerCmd(id).exec().getState();
              return Boolean.TRUE.equals(state.getRunning())
                  ? Optional.empty()
                  : Optional.ofNullable(state.getExitCodeLong());
            });
    assertThat(exit).as("exit code; log: %s", logs).isEqualTo((long) code);
    Matcher m =
        Poll.until(
            "the accounting line in the container's log",
            Duration.ofSeconds(10),
            () -> {
              Matcher found = ACCOUNTING.matcher(logs);
              return found.find() ? Optional.of(found) : Optional.empty();
            });
    assertThat(Long.parseLong(m.group(1)))
        .isPositive()
        .isEqualTo(Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)));
  }

  @After("@container")
  public void stop() throws IOException {
    if (container != null) {
      container.stop();
    }
    if (node != null) {
      node.close();
    }
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Skips loudly without an engine (fails under CI=true); fails when the image is missing. */
  private static void requireEngine() {
    boolean engine;
    try {
      engine = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      engine = false;
    }
    if (!engine) {
      String why =
          "NO CONTAINER ENGINE: the @container scenarios did not run (start one with"
              + " bin/ensure-docker)";
      if ("true".equals(System.getenv("CI"))) {
        fail(why + "; CI=true requires them");
      }
      System.err.println("*** " + why + " ***");
      Assumptions.abort(why);
    }
    if (docker().listImagesCmd().withImageNameFilter(IMAGE).exec().isEmpty()) {
      fail("no image " + IMAGE + " (expected: built by make image before the e2e scenarios)");
    }
  }

  private static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }

  private boolean ready() {
    try {
      return admin.get("/readyz").status() == 200;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private List<SessionView> sessions() {
    List<SessionView> out = new ArrayList<>();
    for (JsonNode s : admin.get("/v1/sessions").json()) {
      admin.session(s.path("session_id").asText()).ifPresent(out::add);
    }
    return out;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
