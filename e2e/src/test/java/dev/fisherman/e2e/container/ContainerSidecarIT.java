package dev.fisherman.e2e.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fisherman.daemon.sim.Behaviour;
import dev.fisherman.daemon.sim.SimulatedServicer;
import dev.fisherman.daemon.sim.node.SimulatedNode;
import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.GenesisFile;
import dev.fisherman.e2e.harness.Poll;
import dev.fisherman.e2e.harness.SessionView;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The image as a node sidecar: the container (read-only root, non-root, host network) reads
 * sessions from a simulated CometBFT/poktroll node started by the test and probes the simulated
 * servicers the node lists as suppliers; verdicts are read over the admin port. The node's
 * websocket then drops mid-session and the session survives; SIGTERM ends the container with the
 * accounting line and exit 0.
 *
 * <p>Needs a Docker engine ({@code bin/ensure-docker}) and the image ({@code make image}). Without
 * an engine the scenarios are skipped with a loud message, except under {@code CI=true}, where they
 * fail.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerSidecarIT {
  private static final String IMAGE = System.getProperty("fisherman.image", "fisherman:dev");
  private static final String APP = "pokt1e2eapp";
  private static final String FAST = "pokt1fast";
  private static final String SLOW = "pokt1slow";
  private static final Duration READY = Duration.ofSeconds(90);

  @TempDir static Path dir;

  private static EventLoopGroup group;
  private static final List<SimulatedServicer> servicers = new ArrayList<>();
  private static SimulatedNode node;
  private static GenericContainer<?> container;
  private static AdminClient admin;
  private static final StringBuffer logs = new StringBuffer();

  @BeforeAll
  static void start() throws IOException {
    requireEngine();
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    SimulatedServicer fast = SimulatedServicer.start(group, any, Behaviour.healthy());
    SimulatedServicer slow =
        SimulatedServicer.start(group, any, Behaviour.slow(Duration.ofMillis(600)));
    servicers.add(fast);
    servicers.add(slow);
    GenesisFile genesis =
        new GenesisFile("1s", 6, 12, "stratified", "0s", "2s", "400ms", 0.9, 3, 65_536);
    node =
        SimulatedNode.builder()
            .chainId("e2e")
            .blockInterval(Duration.ofSeconds(1))
            .blocksPerSession(6)
            .startHeight(50)
            .application(APP)
            .supplier("eth", FAST, fast.url())
            .supplier("eth", SLOW, slow.url())
            .start(group);
    Path genesisFile = genesis.writeTo(dir);
    // The container runs as uid 65532: the mounted file must be readable by others.
    Files.setPosixFilePermissions(genesisFile, PosixFilePermissions.fromString("rw-r--r--"));
    int adminPort = freePort();
    admin = AdminClient.at(URI.create("http://127.0.0.1:" + adminPort));
    container =
        new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withNetworkMode("host")
            .withCreateContainerCmdModifier(
                cmd ->
                    cmd.getHostConfig()
                        .withReadonlyRootfs(true)
                        .withBinds(
                            com.github.dockerjava.api.model.Bind.parse(
                                genesisFile + ":/etc/fisherman/e2e.json:ro")))
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
                APP,
                "--admin",
                "127.0.0.1:" + adminPort)
            .withLogConsumer(frame -> logs.append(frame.getUtf8String()))
            .withStartupTimeout(READY);
    container.start();
    Poll.until(
        "the container's /readyz answers 200 (logs: " + logs + ")",
        READY,
        () -> ready() ? Optional.of(true) : Optional.empty());
  }

  private static void requireEngine() {
    boolean engine;
    try {
      engine = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      engine = false;
    }
    if (!engine) {
      String why =
          "NO CONTAINER ENGINE: the container scenarios did not run (start one with"
              + " bin/ensure-docker)";
      if ("true".equals(System.getenv("CI"))) {
        fail(why + "; CI=true requires them");
      }
      System.err.println("*** " + why + " ***");
      Assumptions.abort(why);
    }
    boolean image =
        DockerClientFactory.instance()
            .client()
            .listImagesCmd()
            .withImageNameFilter(IMAGE)
            .exec()
            .stream()
            .findAny()
            .isPresent();
    if (!image) {
      fail("no image " + IMAGE + " (expected: built by make image before the e2e scenarios)");
    }
  }

  private static boolean ready() {
    try {
      return admin.get("/readyz").status() == 200;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @AfterAll
  static void stop() {
    if (container != null) {
      container.stop();
    }
    if (node != null) {
      node.close();
    }
    servicers.forEach(SimulatedServicer::close);
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** The sessions the daemon lists, newest first as the admin API gives them. */
  private static List<String> sessionIds() {
    JsonNode list = admin.get("/v1/sessions").json();
    List<String> ids = new ArrayList<>();
    for (JsonNode s : list) {
      ids.add(s.path("session_id").asText());
    }
    return ids;
  }

  private static List<String> nodeSessionIds() {
    return node.sessions(APP, "eth", 1, node.height()).stream()
        .map(SimulatedNode.Session::sessionId)
        .toList();
  }

  @Test
  @Order(1)
  void sessionsFromTheNode_areProbedAndJudged() {
    String id =
        Poll.until(
            "a session from the node with judged servicers (logs: " + logs + ")",
            Duration.ofSeconds(60),
            () ->
                sessionIds().stream()
                    .map(admin::session)
                    .flatMap(Optional::stream)
                    .filter(
                        s ->
                            s.find(FAST).filter(v -> v.available().equals("yes")).isPresent()
                                && s.find(SLOW).filter(v -> v.latency().equals("high")).isPresent())
                    .map(SessionView::sessionId)
                    .findFirst());
    assertThat(nodeSessionIds()).contains(id);
    assertThat(id).matches("[0-9a-f]{64}");
    SessionView view = admin.session(id).orElseThrow();
    assertThat(view.servicers()).extracting(v -> v.address()).containsExactlyInAnyOrder(FAST, SLOW);
    assertThat(view.servicer(FAST).url()).isEqualTo(servicers.get(0).url().toString());
    assertThat(servicers.get(0).requests()).isPositive();
    assertThat(servicers.get(1).requests()).isPositive();
    assertThat(admin.get("/readyz").body()).contains("source:cometbft");
  }

  @Test
  @Order(2)
  void websocketDropMidSession_theSessionSurvives() {
    String current =
        Poll.until(
            "an active session with rounds done",
            Duration.ofSeconds(30),
            () ->
                sessionIds().stream()
                    .map(admin::session)
                    .flatMap(Optional::stream)
                    .filter(s -> s.state().equals("active") && s.roundsDone() > 0)
                    .map(SessionView::sessionId)
                    .findFirst());
    int roundsBefore = admin.session(current).orElseThrow().roundsDone();
    long connections = node.websocketConnections();
    node.dropWebsockets();
    Poll.until(
        "the container reconnected to the node (logs: " + logs + ")",
        Duration.ofSeconds(30),
        () -> node.websocketConnections() > connections ? Optional.of(true) : Optional.empty());
    SessionView after =
        Poll.until(
            "session " + current + " went on after the drop",
            Duration.ofSeconds(30),
            () ->
                admin
                    .session(current)
                    .filter(s -> s.roundsDone() > roundsBefore || s.state().equals("ended")));
    assertThat(after.roundsDone()).isGreaterThan(roundsBefore);
    // And the sessions after the drop are found too.
    long height = node.height();
    String next = node.session(APP, "eth", height + 6).sessionId();
    Poll.until(
        "the session after the drop, " + next + ", is discovered",
        Duration.ofSeconds(30),
        () -> sessionIds().contains(next) ? Optional.of(true) : Optional.empty());
    assertThat(logs.toString()).contains("websocket lost");
  }

  @Test
  @Order(3)
  void sigterm_endsWithTheAccountingLineAndExitZero() {
    var docker = DockerClientFactory.instance().client();
    String id = container.getContainerId();
    docker.killContainerCmd(id).withSignal("TERM").exec();
    Long exit =
        Poll.until(
            "the container exits after SIGTERM",
            Duration.ofSeconds(30),
            () -> {
              var state = docker.inspectContainerCmd(id).exec().getState();
              return Boolean.TRUE.equals(state.getRunning())
                  ? Optional.empty()
                  : Optional.of(state.getExitCodeLong());
            });
    assertThat(exit).as("exit code; logs: %s", logs).isZero();
    Poll.until(
        "the accounting line in the container's log",
        Duration.ofSeconds(10),
        () ->
            logs.toString().matches("(?s).*planned=(\\d+) recorded=(\\d+) cancelled=(\\d+).*")
                ? Optional.of(true)
                : Optional.empty());
    var m =
        java.util.regex.Pattern.compile("planned=(\\d+) recorded=(\\d+) cancelled=(\\d+)")
            .matcher(logs);
    assertThat(m.find()).isTrue();
    assertThat(Long.parseLong(m.group(1)))
        .isPositive()
        .isEqualTo(Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
