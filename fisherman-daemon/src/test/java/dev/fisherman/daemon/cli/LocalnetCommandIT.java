package dev.fisherman.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalnetCommandIT {
  @TempDir Path dir;

  @Test
  void localnet_withinFifteenSeconds_downIsUnavailableAndSlowHasHighLatency() throws IOException {
    // The example genesis with its fixed ports 9101-9107 moved to free ones, so the test does not
    // collide with a `make run` on the same machine.
    String genesis = Files.readString(Path.of("../genesis/examples/localnet.json"));
    for (int port = 9101; port <= 9107; port++) {
      genesis = genesis.replace("127.0.0.1:" + port, "127.0.0.1:" + freePort());
    }
    Path file = Files.writeString(dir.resolve("localnet.json"), genesis);
    long start = System.nanoTime();
    Cli cli =
        Cli.run(
            "localnet",
            "--genesis",
            file.toString(),
            "--admin",
            "127.0.0.1:0",
            "--interval",
            "1",
            "--for",
            "12");
    assertThat(cli.exitCode).as(cli.err()).isZero();
    String out = cli.out();
    assertThat(out)
        .contains("fisherman localnet: simulated servicers")
        .contains("down: nothing listening")
        .containsPattern("admin: http://127\\.0\\.0\\.1:\\d+")
        .containsPattern("simulated node: http://127\\.0\\.0\\.1:\\d+")
        // Sessions come from the simulated node through the cometbft source: chain-style ids.
        .containsPattern("session [0-9a-f]{64} ")
        .containsPattern("status page: http://127\\.0\\.0\\.1:\\d+/ ")
        // Not a terminal under the test runner: successive plain tables, no escape codes.
        .doesNotContain("\033");
    List<String> lines = out.lines().toList();
    assertThat(lines)
        .anyMatch(
            l ->
                l.matches(
                    LocalnetCommand.supplierAddress("down")
                        + "\\s+\\d+\\s+0\\.0%.*available: no\\s+.*refused=\\d+"));
    assertThat(lines)
        .anyMatch(
            l ->
                l.matches(
                    LocalnetCommand.supplierAddress("healthy-slow")
                        + "\\s+\\d+\\s+100\\.0%.*latency: high.*"));
    assertThat(lines)
        .anyMatch(
            l ->
                l.matches(
                    LocalnetCommand.supplierAddress("healthy-fast")
                        + "\\s+\\d+\\s+100\\.0%.*available: yes\\s+latency: low.*"));
    assertThat(out).containsPattern("stopped: planned=(\\d+) recorded=\\d+ cancelled=\\d+");
    var m =
        java.util.regex.Pattern.compile("stopped: planned=(\\d+) recorded=(\\d+) cancelled=(\\d+)")
            .matcher(out);
    assertThat(m.find()).isTrue();
    assertThat(Long.parseLong(m.group(1)))
        .isEqualTo(Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)));
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(java.time.Duration.ofSeconds(25));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
