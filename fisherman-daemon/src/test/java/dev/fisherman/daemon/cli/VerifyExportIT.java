package dev.fisherman.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.daemon.Daemon;
import dev.fisherman.daemon.sim.miner.LocalnetKeys;
import dev.fisherman.daemon.sim.miner.RelayMinerServer;
import dev.fisherman.daemon.sim.node.SimulatedNode;
import dev.fisherman.daemon.source.SourceSpec;
import dev.fisherman.daemon.testing.TestGenesis;
import dev.fisherman.genesis.ConnectionMode;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Params;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.SessionParams;
import dev.fisherman.shannon.crypto.PrivateKey;
import dev.fisherman.shannon.crypto.PublicKey;
import dev.fisherman.shannon.miner.SimulatedChain;
import dev.fisherman.shannon.miner.SimulatedRelayMiner;
import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.SimulatedServicer;
import dev.fisherman.testkit.Poll;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real export of a Shannon session (daemon, simulated node, two simulated RelayMiners) checked by
 * {@code fisherman verify-export}: it verifies as written and fails once a signature is changed or
 * moved to another servicer.
 */
class VerifyExportIT {
  private static final Duration BLOCK = Duration.ofMillis(200);
  private static final int BLOCKS_PER_SESSION = 5;
  private static final PrivateKey APP = LocalnetKeys.key("export application");
  private static final PrivateKey GATEWAY = LocalnetKeys.key("export gateway");
  private static final List<PrivateKey> SUPPLIERS =
      List.of(LocalnetKeys.key("export supplier 1"), LocalnetKeys.key("export supplier 2"));

  @TempDir Path dir;

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void export_ofSignedSession_verifies_andFailsWhenASignatureIsChanged() throws Exception {
    Path file = exportOneSession();

    Cli ok = Cli.run("verify-export", file.toString());
    assertThat(ok.exitCode).as(ok.out() + ok.err()).isZero();
    Matcher m =
        Pattern.compile("(\\d+) signed answers verified, 0 failed, \\d+ observations unsigned")
            .matcher(ok.out());
    assertThat(m.find()).as(ok.out()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(2);

    // One hex digit of the first signature flipped.
    String text = Files.readString(file);
    int at = text.indexOf("\"signature\":\"", text.indexOf("\"signature\":{")) + 13 + 10;
    char c = text.charAt(at);
    String forged = text.substring(0, at) + (c == '0' ? '1' : '0') + text.substring(at + 1);
    Path bad = Files.writeString(dir.resolve("forged.ndjson"), forged);
    Cli failed = Cli.run("verify-export", bad.toString());
    assertThat(failed.exitCode).isEqualTo(1);
    assertThat(failed.out())
        .contains("signature does not verify over the signed bytes")
        .containsPattern("1 failed");

    // A signature credited to the other servicer.
    String a = SUPPLIERS.get(0).address().value();
    String b = SUPPLIERS.get(1).address().value();
    String swapped = text.replace(a, "SWAP").replace(b, a).replace("SWAP", b);
    Path moved = Files.writeString(dir.resolve("moved.ndjson"), swapped);
    Cli wrong = Cli.run("verify-export", moved.toString());
    assertThat(wrong.exitCode).isEqualTo(1);
    assertThat(wrong.out()).contains("(expected: the servicer's)");
  }

  @Test
  void verifyExport_notAnExport_exitsTwo() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.ndjson"), "");
    Cli cli = Cli.run("verify-export", empty.toString());
    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err()).contains("empty (expected: a session export)");
  }

  private Path exportOneSession() throws IOException {
    SimulatedServicer backend =
        SimulatedServicer.start(
            group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Behaviour.healthy());
    closing.add(backend);
    List<PublicKey> keys = new ArrayList<>(List.of(APP.publicKey(), GATEWAY.publicKey()));
    SUPPLIERS.forEach(k -> keys.add(k.publicKey()));
    SimulatedChain chain =
        SimulatedChain.of(keys, Map.of(APP.address(), Set.of(GATEWAY.address())));
    SimulatedNode.Builder node =
        SimulatedNode.builder()
            .blockInterval(BLOCK)
            .blocksPerSession(BLOCKS_PER_SESSION)
            .startHeight(100)
            .application(APP.address().value())
            .account(APP.address().value(), APP.publicKey().compressed())
            .account(GATEWAY.address().value(), GATEWAY.publicKey().compressed())
            .delegation(APP.address().value(), GATEWAY.address().value());
    for (PrivateKey supplier : SUPPLIERS) {
      RelayMinerServer miner =
          RelayMinerServer.start(
              group,
              new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
              SimulatedRelayMiner.create(
                  supplier,
                  chain,
                  RelayMinerServer.forwardingTo(backend.url(), Duration.ofSeconds(5))));
      closing.add(miner);
      node.account(supplier.address().value(), supplier.publicKey().compressed());
      node.supplier("eth", supplier.address().value(), miner.url());
    }
    SimulatedNode started = node.start(group);
    closing.add(started);

    Path key =
        Files.createFile(
            dir.resolve("gateway.key"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(key, LocalnetKeys.hex("export gateway"));
    Path exports = Files.createDirectory(dir.resolve("exports"));
    Genesis genesis =
        new Genesis(
            "pocket-sim",
            new Params(
                new SessionParams(BLOCKS_PER_SESSION, BLOCK),
                new QosParams(
                    2,
                    Distribution.STRATIFIED,
                    Duration.ZERO,
                    Duration.ofMillis(400),
                    Duration.ofMillis(300),
                    0.9,
                    1,
                    ConnectionMode.REUSE,
                    1 << 20,
                    10)),
            List.of(TestGenesis.service("eth")),
            List.of());
    Daemon daemon =
        Daemon.builder(genesis)
            .admin(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .probeThreads(1)
            .source(SourceSpec.of("cometbft"))
            .sourceOption("--node-rpc", List.of(started.rpcUrl().toString()))
            .sourceOption("--node-api", List.of(started.apiUrl().toString()))
            .sourceOption("--application", List.of(APP.address().value()))
            .sourceOption("--gateway-key-file", List.of(key.toString()))
            .export(exports, 1 << 20, 10)
            .start();
    closing.add(daemon);
    // The session in progress at start may end before its rounds fire: the first export with
    // signed answers.
    Poll.until(Duration.ofSeconds(30), () -> signedExport(exports).isPresent());
    return signedExport(exports).orElseThrow();
  }

  private static Optional<Path> signedExport(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".ndjson"))
          .filter(f -> read(f).contains("\"signature\":{"))
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
