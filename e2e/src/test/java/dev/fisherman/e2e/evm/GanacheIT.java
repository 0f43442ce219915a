package dev.fisherman.e2e.evm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.e2e.evm.Ganache.Spec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facts the EVM check tests stand on, checked on real ganache nodes: nodes mined in lockstep
 * are one chain (identical hashes), a node mined with other timestamps is a fork, a node left
 * behind lags, a node started with another chain id says so, and closing a node ends its processes.
 */
class GanacheIT {
  @TempDir static Path dir;
  private static List<Ganache> nodes = List.of();
  private static Ganache a;
  private static Ganache b;
  private static Ganache lagging;
  private static Ganache fork;
  private static Ganache wrongChain;

  @BeforeAll
  static void start() {
    Ganache.requireInstalled();
    nodes =
        Ganache.start(
            dir,
            List.of(
                Spec.canonical("a", 1),
                Spec.canonical("b", 1),
                Spec.canonical("lagging", 1),
                Spec.fork("fork", 1, Duration.ofSeconds(1)),
                Spec.canonical("wrong-chain", 5)));
    a = nodes.get(0);
    b = nodes.get(1);
    lagging = nodes.get(2);
    fork = nodes.get(3);
    wrongChain = nodes.get(4);
    Ganache.mineInLockstep(List.of(a, b, fork, wrongChain), 12);
    lagging.mineTo(3);
  }

  @AfterAll
  static void stop() {
    nodes.forEach(Ganache::close);
  }

  @Test
  void lockstep_sameTimestamps_identicalHashesAtEveryHeight() {
    assertThat(a.blockNumber()).isEqualTo(12);
    assertThat(b.blockNumber()).isEqualTo(12);
    for (long n = 0; n <= 12; n++) {
      assertThat(b.blockHash(n)).as("block %d", n).isEqualTo(a.blockHash(n));
    }
  }

  @Test
  void fork_otherTimestamps_sameGenesisThenOtherHashes() {
    assertThat(fork.blockNumber()).isEqualTo(12);
    assertThat(fork.blockHash(0)).isEqualTo(a.blockHash(0));
    for (long n = 1; n <= 12; n++) {
      assertThat(fork.blockHash(n)).as("block %d", n).isNotEqualTo(a.blockHash(n));
    }
  }

  @Test
  void lagging_leftBehind_lowerHeightSameChain() {
    assertThat(lagging.blockNumber()).isEqualTo(3);
    for (long n = 0; n <= 3; n++) {
      assertThat(lagging.blockHash(n)).as("block %d", n).isEqualTo(a.blockHash(n));
    }
  }

  @Test
  void wrongChain_otherChainId_servesItsOwnId() {
    assertThat(a.servedChainId()).isEqualTo(1);
    assertThat(wrongChain.servedChainId()).isEqualTo(5);
    assertThat(wrongChain.call("eth_chainId", "[]").asText()).isEqualTo("0x5");
  }

  @Test
  void close_endsTheNodeAndEveryProcessItStarted() {
    Ganache extra = Ganache.start(dir, List.of(Spec.canonical("extra", 1))).getFirst();
    List<ProcessHandle> all = new ArrayList<>(extra.handle().descendants().toList());
    all.add(extra.handle());

    extra.close();

    assertThat(all).noneMatch(ProcessHandle::isAlive);
  }
}
