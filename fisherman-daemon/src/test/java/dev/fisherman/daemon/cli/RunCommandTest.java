package dev.fisherman.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path dir;

  private Path genesis() throws IOException {
    return Files.copy(
        Path.of("..", "genesis", "examples", "localnet.json"),
        dir.resolve("localnet.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void run_badGenesis_printsEveryProblemAndExits2() throws IOException {
    Path bad =
        Files.writeString(
            dir.resolve("bad.json"),
            Files.readString(genesis())
                .replace("\"relay_timeout\": \"1s\"", "\"relay_timeout\": \"2 seconds\"")
                .replace("\"probes_per_session\": 60", "\"probes_per_session\": 0"));
    Cli cli = Cli.run("run", "--genesis", bad.toString());
    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err().lines().toList())
        .hasSize(2)
        .anySatisfy(
            l -> assertThat(l).contains("params.qos.relay_timeout").contains("\"2 seconds\""))
        .anySatisfy(l -> assertThat(l).contains("params.qos.probes_per_session").contains("0"));
    assertThat(cli.out()).isEmpty();
  }

  private static final String KEY_HEX =
      "2d00ef074d9b51e46886dc9a1df11e7b986611d0f336bdcf1f0adce3e037ec0c";

  private Cli runGateway(String... extra) throws IOException {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "run",
                "--genesis",
                genesis().toString(),
                "--admin",
                "127.0.0.1:0",
                "--source",
                "cometbft",
                "--application",
                "pokt1app"));
    args.addAll(java.util.List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void run_gatewayKeyFileReadableByItsGroup_exits2WithoutShowingTheKey() throws IOException {
    Path key = Files.writeString(dir.resolve("gateway.key"), KEY_HEX);
    Files.setPosixFilePermissions(
        key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));

    Cli cli = runGateway("--gateway-key-file", key.toString());

    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err())
        .contains(
            "gateway key file " + key + ": readable by its group (expected: chmod 600 or stricter)")
        .doesNotContain(KEY_HEX);
  }

  @Test
  void run_gatewayKeyFileNotHex_exits2WithoutShowingItsContent() throws IOException {
    Path key =
        Files.createFile(
            dir.resolve("gateway.key"),
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    Files.writeString(key, "secret-words-not-hex");

    Cli cli = runGateway("--gateway-key-file", key.toString());

    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err()).contains("gateway key file " + key).doesNotContain("secret-words");
  }

  @Test
  void run_relayProtocolShannonWithoutKeyFile_exits2() throws IOException {
    Cli cli = runGateway("--relay-protocol", "shannon");

    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err())
        .contains("--relay-protocol: shannon (expected: a --gateway-key-file to sign relays with)");
  }

  @Test
  void run_unknownRelayProtocol_exits2() throws IOException {
    Cli cli = runGateway("--relay-protocol", "grpc");

    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err()).contains("--relay-protocol: \"grpc\" (expected: direct or shannon)");
  }

  @Test
  void run_missingGenesisFile_exits2() {
    Cli cli = Cli.run("run", "--genesis", dir.resolve("nope.json").toString());
    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err()).contains("nope.json");
  }

  @Test
  void run_nonLoopbackAdminWithoutToken_exits2WithTheReason() throws IOException {
    Cli cli = Cli.run("run", "--genesis", genesis().toString(), "--admin", "0.0.0.0:8081");
    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo(
            "admin: 0.0.0.0:8081 is not a loopback address (expected: a loopback address such as"
                + " 127.0.0.1:8081, or --admin-token-file so that writes need a token)\n");
  }

  @Test
  void run_badAdminAddress_exits2() throws IOException {
    Cli cli = Cli.run("run", "--genesis", genesis().toString(), "--admin", "8081");
    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err())
        .startsWith(
            "Invalid value for option '--admin': \"8081\" (expected: HOST:PORT such as"
                + " 127.0.0.1:8081)");
  }

  @Test
  void run_cometbftWithoutAnApplication_exits2() throws IOException {
    Cli cli = Cli.run("run", "--genesis", genesis().toString(), "--source", "cometbft");
    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo(
            "--application: none (expected: at least one application address with --source"
                + " cometbft)\n");
  }

  @Test
  void run_cometbftWithABadNodeUrl_exits2() throws IOException {
    Cli cli =
        Cli.run(
            "run",
            "--genesis",
            genesis().toString(),
            "--source",
            "cometbft",
            "--application",
            "pokt1app",
            "--node-rpc",
            "ftp://node:26657");
    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo("node-rpc: \"ftp://node:26657\" (expected: an http or https URL)\n");
  }

  @Test
  void run_negativeServicerMetricsLimit_exits2() throws IOException {
    Cli cli = Cli.run("run", "--genesis", genesis().toString(), "--servicer-metrics-limit", "-1");
    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("--servicer-metrics-limit: -1 (expected: >= 0)\n");
  }

  @Test
  void run_unknownSource_exits2() throws IOException {
    Cli cli = Cli.run("run", "--genesis", genesis().toString(), "--source", "kafka");
    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo(
            "--source: \"kafka\" (expected: localnet, webhook, ndjson:PATH or ndjson:-, cometbft)\n");
  }

  @Test
  void run_shortOrMissingToken_exits2() throws IOException {
    Path token = Files.writeString(dir.resolve("token"), "short\n");
    Cli cli =
        Cli.run("run", "--genesis", genesis().toString(), "--admin-token-file", token.toString());
    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo(
            "--admin-token-file: "
                + token
                + " holds a token of 5 characters (expected: one token of at least 16 characters"
                + " without spaces)\n");

    Cli missing =
        Cli.run(
            "run",
            "--genesis",
            genesis().toString(),
            "--admin-token-file",
            dir.resolve("none").toString());
    assertThat(missing.exitCode).isEqualTo(2);
    assertThat(missing.err())
        .startsWith("--admin-token-file: " + dir.resolve("none") + " cannot be read");
  }

  @Test
  void run_adminPortInUse_exits1() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Cli cli =
          Cli.run(
              "run",
              "--genesis",
              genesis().toString(),
              "--source",
              "webhook",
              "--admin",
              "127.0.0.1:" + taken.getLocalPort());
      assertThat(cli.exitCode).isEqualTo(1);
      assertThat(cli.err())
          .isEqualTo(
              "admin: cannot listen on 127.0.0.1:"
                  + taken.getLocalPort()
                  + ": Address already in use\n");
    }
  }

  @Test
  void help_listsTheCommands() {
    Cli cli = Cli.run("--help");
    assertThat(cli.exitCode).isZero();
    assertThat(cli.out().lines().map(String::strip).map(l -> l.split(" ")[0]).toList())
        .contains("run", "localnet", "qos", "select", "probe", "genesis");
  }
}
