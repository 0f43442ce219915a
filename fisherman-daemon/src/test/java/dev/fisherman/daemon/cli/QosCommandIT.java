package dev.fisherman.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.daemon.Daemon;
import dev.fisherman.daemon.source.SourceSpec;
import dev.fisherman.daemon.testing.FakeFisherman;
import dev.fisherman.daemon.testing.Http;
import dev.fisherman.daemon.testing.TestGenesis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class QosCommandIT {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final FakeFisherman engine = new FakeFisherman(12);
  private Daemon daemon;
  private String admin;

  @BeforeEach
  void start() {
    daemon =
        Daemon.builder(TestGenesis.twoServicers())
            .admin(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .engineFactory((genesis, group, registry, clock, random, export) -> engine)
            .source(SourceSpec.of("webhook"))
            .probeThreads(1)
            .start();
    admin = daemon.adminUrl();
  }

  @AfterEach
  void stop() {
    daemon.close();
  }

  private void post(String id) {
    try (Http http = new Http(daemon.adminAddress())) {
      assertThat(
              http.post(
                      "/v1/sessions",
                      "{\"session_id\":\""
                          + id
                          + "\",\"service\":\"eth\",\"duration\":\"60s\",\"servicers\":["
                          + "{\"address\":\"a\",\"url\":\"http://127.0.0.1:9001\"}]}")
                  .statusCode())
          .isEqualTo(202);
    }
  }

  @Test
  void qos_printsTheTableOfTheNewestSession() {
    post("s-1");
    Cli cli = Cli.run("qos", "--admin", admin);
    assertThat(cli.exitCode).isZero();
    assertThat(cli.out())
        .startsWith("session s-1  service eth  active  round 0/12\nSERVICER")
        .contains(
            "a              0        -           -           -  -              available: unknown"
                + "  latency: unknown"
                + "  synced: unknown  consistent: unknown  chain: unknown       -  -\n");
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void qos_showsEachServicersReputationStateAndScore() {
    post("s-1");
    for (int round = 0; round < 6; round++) {
      engine
          .reputation()
          .record(
              new RoundResult(
                  "s-1",
                  "eth",
                  round,
                  T0.plusSeconds(round),
                  List.of(
                      new Observation(
                          "s-1",
                          "a",
                          round,
                          T0.plusSeconds(round),
                          0,
                          OptionalLong.empty(),
                          OptionalLong.of(1_000_000),
                          1_000_000,
                          Outcome.OK,
                          OptionalInt.of(200),
                          OptionalLong.empty(),
                          ProbeFacts.NONE,
                          ""))));
    }
    int score = engine.reputation().of("a").orElseThrow().score();

    Cli cli = Cli.run("qos", "--admin", admin);

    assertThat(cli.exitCode).isZero();
    assertThat(cli.out())
        .contains("REPUTATION")
        .containsPattern("\na +0 +- +- +- +ok " + score + " +available: unknown");
  }

  @Test
  void qos_session_json_printsThatSessionsJson() {
    post("s-1");
    Cli cli = Cli.run("qos", "--admin", admin, "--session", "s-1", "--json");
    assertThat(cli.exitCode).isZero();
    assertThat(Http.json(cli.out()).get("session_id").asText()).isEqualTo("s-1");
    assertThat(Http.json(cli.out()).get("servicers").get(0).get("address").asText()).isEqualTo("a");
  }

  @Test
  void qos_unknownSession_exits1WithTheApiError() {
    Cli cli = Cli.run("qos", "--admin", admin, "--session", "nope");
    assertThat(cli.exitCode).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("qos: session_id: \"nope\" (expected: a retained session)\n");
  }

  @Test
  void qos_noSessions_saysSo() {
    Cli cli = Cli.run("qos", "--admin", admin);
    assertThat(cli.exitCode).isZero();
    assertThat(cli.out()).isEqualTo("no sessions yet at " + admin + "\n");
  }

  @Test
  void qos_unreachableAdmin_exits1() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Cli cli = Cli.run("qos", "--admin", "http://127.0.0.1:" + port);
    assertThat(cli.exitCode).isEqualTo(1);
    assertThat(cli.err())
        .isEqualTo(
            "qos: cannot reach the admin port at http://127.0.0.1:"
                + port
                + " (connection refused)\n");
  }

  private static Consumer<CommandLine> terminal(Terminal terminal) {
    return cl -> ((QosCommand) cl.getSubcommands().get("qos").getCommand()).terminal = terminal;
  }

  @Test
  void qos_watch_notATerminal_printsPlainSuccessiveTablesWithoutEscapeCodes() {
    post("s-1");
    Cli cli =
        Cli.run(
            terminal(Terminal.PLAIN),
            "qos",
            "--admin",
            admin,
            "--watch",
            "--interval",
            "1",
            "--count",
            "2");
    assertThat(cli.exitCode).isZero();
    assertThat(cli.out()).doesNotContain("\033");
    String table = cli.out().substring(0, cli.out().indexOf("\n\n") + 1);
    assertThat(table).startsWith("session s-1").contains("available: unknown");
    assertThat(cli.out()).isEqualTo(table + "\n" + table + "\n");
  }

  @Test
  void qos_detectedTerminal_inATest_isPlain() {
    // Under the test runner stdout is no console, so the default is the plain output.
    post("s-1");
    Cli cli = Cli.run("qos", "--admin", admin, "--watch", "--interval", "1", "--count", "1");
    assertThat(cli.exitCode).isZero();
    assertThat(cli.out()).startsWith("session s-1").doesNotContain("\033");
  }

  @Test
  void qos_watch_terminalWithNoColor_redrawsInPlaceWithoutColour() {
    post("s-1");
    Cli cli =
        Cli.run(
            terminal(Terminal.of(Map.of("NO_COLOR", "1"), true)),
            "qos",
            "--admin",
            admin,
            "--watch",
            "--count",
            "1");
    assertThat(cli.exitCode).isZero();
    assertThat(cli.out())
        .startsWith("\033[Hsession s-1")
        .endsWith("\033[K\n\033[J")
        .doesNotContainPattern("\033\\[[0-9;]*m");
  }

  @Test
  void qos_terminal_coloursTheVerdicts() {
    post("s-1");
    Cli cli = Cli.run(terminal(new Terminal(true, true)), "qos", "--admin", admin);
    assertThat(cli.exitCode).isZero();
    assertThat(cli.out())
        .doesNotContain("\033[H")
        .contains("\033[33mavailable: unknown\033[0m  \033[33mlatency: unknown\033[0m");
  }

  @Test
  void qos_countBelowOne_isBadUsage() {
    Cli cli = Cli.run("qos", "--admin", admin, "--watch", "--count", "0");
    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("--count: 0 (expected: >= 1)\n");
  }
}
