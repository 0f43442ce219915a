package dev.fisherman.core.judge;

import static dev.fisherman.core.judge.Rounds.failed;
import static dev.fisherman.core.judge.Rounds.heights;
import static dev.fisherman.core.judge.Rounds.round;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.probe.Finding;
import dev.fisherman.core.probe.Head;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.RoundJudge;
import dev.fisherman.core.probe.RoundKind;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.genesis.CheckParams;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SyncJudgeTest {
  static final RoundJudge SYNC = Judges.sync(new CheckParams.Sync(2, 5));

  static RoundResult judge(long... heights) {
    return SYNC.judge(round(RoundKind.SAMPLE, heights(heights), List.of()));
  }

  static List<Finding.Sync> marks(RoundResult r) {
    return r.findings().stream().map(Finding::sync).toList();
  }

  @Test
  void judge_allAtTheSameHeight_headIsThatHeightAgreedByAll() {
    RoundResult r = judge(100, 100, 100);

    assertThat(r.head()).contains(new Head(100, 3));
    assertThat(marks(r)).containsOnly(Finding.Sync.SYNCED);
    assertThat(r.findings().get(0).blocksBehind()).isEqualTo(OptionalLong.of(0));
  }

  @Test
  void judge_oneLiarClaimingAHugeHeight_cannotPutTheOthersBehind() {
    RoundResult r = judge(100, 1_000_000_000_000L, 99, 100);

    assertThat(r.head()).contains(new Head(100, 3));
    assertThat(marks(r))
        .containsExactly(
            Finding.Sync.SYNCED, Finding.Sync.AHEAD, Finding.Sync.SYNCED, Finding.Sync.SYNCED);
    assertThat(r.findings().get(1).blocksBehind())
        .isEqualTo(OptionalLong.of(100 - 1_000_000_000_000L));
  }

  @Test
  void judge_moreThanAllowanceBelowTheHead_isBehind_atTheAllowanceIsSynced() {
    RoundResult r = judge(100, 100, 95, 94);

    assertThat(marks(r))
        .containsExactly(
            Finding.Sync.SYNCED, Finding.Sync.SYNCED, Finding.Sync.SYNCED, Finding.Sync.BEHIND);
    assertThat(r.findings().get(3).blocksBehind()).isEqualTo(OptionalLong.of(6));
  }

  @Test
  void judge_fewerRespondersThanMinAgreeing_judgesNobody() {
    List<Observation> obs = new ArrayList<>(heights(100));
    obs.add(failed("down", Outcome.REFUSED));
    RoundResult r = SYNC.judge(round(RoundKind.SAMPLE, obs, List.of()));

    assertThat(r.head()).isEmpty();
    assertThat(marks(r)).containsOnly(Finding.Sync.NONE);
  }

  @Test
  void judge_twoLiarsAgreeingFarAhead_areTheHeadWhenMinAgreeingIsTwo_butNotWithThree() {
    assertThat(judge(100, 100, 5000, 5000).head()).contains(new Head(5000, 2));

    RoundResult r =
        Judges.sync(new CheckParams.Sync(3, 5))
            .judge(round(RoundKind.SAMPLE, heights(100, 100, 5000, 5000), List.of()));
    assertThat(r.head()).contains(new Head(100, 4));
    assertThat(marks(r))
        .containsExactly(
            Finding.Sync.SYNCED, Finding.Sync.SYNCED, Finding.Sync.AHEAD, Finding.Sync.AHEAD);
  }

  @Test
  void judge_integrityRound_isNotASyncRound() {
    RoundResult r = SYNC.judge(round(RoundKind.INTEGRITY, heights(100, 50), List.of()));

    assertThat(r.head()).isEmpty();
    assertThat(marks(r)).containsOnly(Finding.Sync.NONE);
  }
}
