package dev.fisherman.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.probe.RoundKind;
import dev.fisherman.genesis.CheckParams;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Params;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.SelfCheckParams;
import dev.fisherman.genesis.Service;
import dev.fisherman.genesis.ServiceKind;
import dev.fisherman.genesis.SessionParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ServiceRoundsTest {
  static ServiceRounds rounds(Optional<String> chainId, CheckParams checks) {
    Service eth =
        new Service(
            "eth",
            ServiceKind.EVM,
            ServiceKind.EVM.preset().orElseThrow(),
            ServiceKind.EVM.defaultExpect(),
            chainId,
            Optional.empty());
    Genesis g =
        new Genesis(
            "t",
            new Params(
                new SessionParams(4, Duration.ofSeconds(15)),
                QosParams.DEFAULTS,
                checks,
                SelfCheckParams.defaults(QosParams.DEFAULTS)),
            List.of(eth),
            List.of());
    return new ServiceRounds(g, eth);
  }

  static List<Integer> positions(RoundKind[] kinds, RoundKind kind) {
    return IntStream.range(0, kinds.length).filter(i -> kinds[i] == kind).boxed().toList();
  }

  @Test
  void plan_oneIntegrityRoundInEachRunOfEvery_andOneChainRound() {
    RoundKind[] kinds =
        rounds(Optional.of("0x1"), CheckParams.DEFAULTS).plan(60, new SplittableRandom(1));

    List<Integer> integrity = positions(kinds, RoundKind.INTEGRITY);
    assertThat(positions(kinds, RoundKind.CHAIN)).hasSize(1);
    assertThat(integrity.size()).isBetween(5, 6);
    for (int run = 0; run < 6; run++) {
      int from = run * 10;
      assertThat(integrity.stream().filter(i -> i >= from && i < from + 10).count())
          .isLessThanOrEqualTo(1);
    }
  }

  @Test
  void plan_positionsAndOffsets_differAcrossSeeds() {
    ServiceRounds r = rounds(Optional.of("0x1"), CheckParams.DEFAULTS);
    Set<List<Integer>> schedules = new HashSet<>();
    Set<Long> offsets = new HashSet<>();
    for (long seed = 0; seed < 20; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      schedules.add(positions(r.plan(60, random), RoundKind.INTEGRITY));
      offsets.add(r.offset(random));
    }

    assertThat(schedules).hasSizeGreaterThan(15);
    assertThat(offsets).hasSizeGreaterThan(10).allMatch(o -> o >= 10 && o <= 100);
  }

  @Test
  void plan_integrityOffAndNoChainId_isAllSampling() {
    CheckParams off =
        new CheckParams(CheckParams.DEFAULTS.sync(), new CheckParams.Integrity(0, 10, 100, 0.5));
    RoundKind[] kinds = rounds(Optional.empty(), off).plan(30, new SplittableRandom(3));

    assertThat(new ArrayList<>(List.of(kinds))).containsOnly(RoundKind.SAMPLE);
  }
}
