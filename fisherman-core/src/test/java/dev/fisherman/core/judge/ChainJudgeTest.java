package dev.fisherman.core.judge;

import static dev.fisherman.core.judge.Rounds.chain;
import static dev.fisherman.core.judge.Rounds.round;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.probe.Finding;
import dev.fisherman.core.probe.RoundKind;
import dev.fisherman.core.probe.RoundResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainJudgeTest {

  @Test
  void judge_chainRound_matchesNumericallyAndFlagsAnotherChain() {
    RoundResult r =
        Judges.chain("1")
            .judge(
                round(
                    RoundKind.CHAIN,
                    List.of(chain("a", "0x1"), chain("b", "0x01"), chain("c", "0x89")),
                    List.of()));

    assertThat(r.findings())
        .extracting(Finding::chain)
        .containsExactly(Finding.Chain.MATCH, Finding.Chain.MATCH, Finding.Chain.MISMATCH);
  }

  @Test
  void judge_textChainIds_compareAsText() {
    RoundResult r =
        Judges.chain("cosmoshub-4")
            .judge(
                round(
                    RoundKind.CHAIN,
                    List.of(chain("a", "cosmoshub-4"), chain("b", "theta-testnet-001")),
                    List.of()));

    assertThat(r.findings())
        .extracting(Finding::chain)
        .containsExactly(Finding.Chain.MATCH, Finding.Chain.MISMATCH);
  }

  @Test
  void judge_samplingRound_isNotAChainRound() {
    RoundResult r =
        Judges.chain("1").judge(round(RoundKind.SAMPLE, List.of(chain("a", "0x2")), List.of()));

    assertThat(r.findings()).extracting(Finding::chain).containsOnly(Finding.Chain.NONE);
  }
}
