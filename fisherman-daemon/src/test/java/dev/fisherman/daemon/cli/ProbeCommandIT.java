package dev.fisherman.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.Failure;
import dev.fisherman.sim.SimulatedServicer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbeCommandIT {
  private static final String GENESIS =
      Path.of("..", "genesis", "examples", "localnet.json").toString();
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final SimulatedServicer servicer =
      SimulatedServicer.start(
          group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Behaviour.healthy());

  @AfterEach
  void stop() {
    servicer.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void probe_healthyServicer_printsOkWithTimingsAndExits0() {
    Cli cli = Cli.run("probe", servicer.url().toString(), "--genesis", GENESIS);
    assertThat(cli.exitCode).as(cli.err()).isZero();
    assertThat(cli.out())
        .startsWith(
            "probe " + servicer.url() + " (service eth)\n  outcome      ok\n  http status  200\n")
        .containsPattern("  connect      \\d+\\.\\d{3} ms\n")
        .containsPattern("  first byte   \\d+\\.\\d{3} ms\n")
        .containsPattern("  total        \\d+\\.\\d{3} ms\n")
        .containsPattern("  block height \\d+\n");
  }

  @Test
  void probe_failingServicer_printsTheOutcomeAndExits1() {
    servicer.behave(Behaviour.always(Failure.HTTP_STATUS));
    Cli cli = Cli.run("probe", servicer.url().toString(), "--genesis", GENESIS, "--service", "eth");
    assertThat(cli.exitCode).isEqualTo(1);
    assertThat(cli.out()).contains("  outcome      http_status\n  http status  503\n");
  }

  @Test
  void probe_nothingListening_isRefused() throws Exception {
    int port;
    try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Cli cli = Cli.run("probe", "http://127.0.0.1:" + port, "--genesis", GENESIS);
    assertThat(cli.exitCode).isEqualTo(1);
    assertThat(cli.out()).contains("  outcome      refused\n");
  }

  @Test
  void probe_badUrlOrService_exits2() {
    Cli bad = Cli.run("probe", "ftp://x", "--genesis", GENESIS);
    assertThat(bad.exitCode).isEqualTo(2);
    assertThat(bad.err())
        .isEqualTo("URL: \"ftp://x\" (expected: an http or https URL with a host)\n");

    Cli service =
        Cli.run("probe", servicer.url().toString(), "--genesis", GENESIS, "--service", "btc");
    assertThat(service.exitCode).isEqualTo(2);
    assertThat(service.err())
        .isEqualTo("--service: \"btc\" (expected: a service genesis defines: eth)\n");
  }
}
