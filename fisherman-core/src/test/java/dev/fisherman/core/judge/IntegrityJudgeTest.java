package dev.fisherman.core.judge;

import static dev.fisherman.core.judge.Rounds.block;
import static dev.fisherman.core.judge.Rounds.failed;
import static dev.fisherman.core.judge.Rounds.round;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.probe.Finding;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.RoundJudge;
import dev.fisherman.core.probe.RoundKind;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.genesis.CheckParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntegrityJudgeTest {
  static final RoundJudge INTEGRITY = Judges.integrity(new CheckParams.Integrity(10, 10, 100, 0.5));

  static RoundResult judge(Observation... obs) {
    return INTEGRITY.judge(round(RoundKind.INTEGRITY, List.of(obs), List.of()));
  }

  static List<Finding.Integrity> marks(RoundResult r) {
    return r.findings().stream().map(Finding::integrity).toList();
  }

  @Test
  void judge_majorityIdentifier_isAgreed_theOtherDisagrees() {
    RoundResult r =
        judge(block("a", "0xAA"), block("b", "0xaa"), block("c", "0xaa"), block("d", "0xbb"));

    assertThat(r.quorum()).isEqualTo(RoundResult.Quorum.REACHED);
    assertThat(marks(r))
        .containsExactly(
            Finding.Integrity.AGREED,
            Finding.Integrity.AGREED,
            Finding.Integrity.AGREED,
            Finding.Integrity.DISAGREED);
  }

  @Test
  void judge_twoTwoSplit_isNoQuorumAndJudgesNobody() {
    RoundResult r =
        judge(block("a", "0xaa"), block("b", "0xaa"), block("c", "0xbb"), block("d", "0xbb"));

    assertThat(r.quorum()).isEqualTo(RoundResult.Quorum.NO_QUORUM);
    assertThat(marks(r)).containsOnly(Finding.Integrity.NONE);
  }

  @Test
  void judge_aSingleResponder_isNoQuorum() {
    RoundResult r = judge(block("a", "0xaa"), failed("b", Outcome.REFUSED));

    assertThat(r.quorum()).isEqualTo(RoundResult.Quorum.NO_QUORUM);
    assertThat(marks(r)).containsOnly(Finding.Integrity.NONE);
  }

  @Test
  void judge_pluralityAtOrBelowTheQuorumShare_isNoQuorum() {
    RoundResult r =
        judge(block("a", "0xaa"), block("b", "0xaa"), block("c", "0xbb"), block("d", "0xcc"));

    assertThat(r.quorum()).isEqualTo(RoundResult.Quorum.NO_QUORUM);
  }

  @Test
  void judge_servicerWithoutAnAnswer_isNotJudged() {
    RoundResult r =
        judge(block("a", "0xaa"), block("b", "0xaa"), failed("c", Outcome.TIMEOUT_RESPONSE));

    assertThat(marks(r))
        .containsExactly(
            Finding.Integrity.AGREED, Finding.Integrity.AGREED, Finding.Integrity.NONE);
  }

  @Test
  void judge_samplingRound_isNotAnIntegrityRound() {
    RoundResult r =
        INTEGRITY.judge(
            round(RoundKind.SAMPLE, List.of(block("a", "x"), block("b", "y")), List.of()));

    assertThat(r.quorum()).isEqualTo(RoundResult.Quorum.NONE);
  }
}
