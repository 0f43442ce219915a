package dev.fisherman.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.reputation.ReputationState;
import dev.fisherman.core.reputation.Selected;
import dev.fisherman.core.reputation.ServicerReputation;
import dev.fisherman.daemon.Daemon;
import dev.fisherman.daemon.source.SourceSpec;
import dev.fisherman.daemon.testing.FakeFisherman;
import dev.fisherman.daemon.testing.TestGenesis;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SelectCommandIT {
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

  private static Selected selected(String address, int score) {
    return new Selected(
        URI.create("http://127.0.0.1:9001"),
        new ServicerReputation(
            address,
            score,
            ReputationState.OK,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(0),
            List.of()));
  }

  @Test
  void select_printsOneLinePerSelectedServicer() {
    engine.selection(List.of(selected("a", 97), selected("b", 60)));

    Cli cli = Cli.run("select", "eth", "-n", "2", "--admin", admin);

    assertThat(cli.exitCode).isZero();
    assertThat(cli.out())
        .isEqualTo("a  http://127.0.0.1:9001  score 97\nb  http://127.0.0.1:9001  score 60\n");
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void select_noneQualifies_exits1WithTheApiError() {
    Cli cli = Cli.run("select", "eth", "--admin", admin);

    assertThat(cli.exitCode).isEqualTo(1);
    assertThat(cli.err())
        .isEqualTo(
            "select: service: \"eth\" has no servicer to select (expected: a servicer of an"
                + " active session in state ok)\n");
  }

  @Test
  void select_nOutOfRange_exits2() {
    Cli cli = Cli.run("select", "eth", "-n", "0", "--admin", admin);

    assertThat(cli.exitCode).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("-n: 0 (expected: from 1 to 100)\n");
  }
}
