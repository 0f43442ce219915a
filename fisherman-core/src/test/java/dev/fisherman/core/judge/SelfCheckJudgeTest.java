package dev.fisherman.core.judge;

import static dev.fisherman.core.judge.Rounds.failed;
import static dev.fisherman.core.judge.Rounds.height;
import static dev.fisherman.core.judge.Rounds.ok;
import static dev.fisherman.core.judge.Rounds.round;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.probe.Exclusion;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.core.probe.RoundJudge;
import dev.fisherman.core.probe.RoundKind;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.genesis.SelfCheckParams;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SelfCheckJudgeTest {
  static final URI CANARY = URI.create("http://127.0.0.1:8545");
  static final RoundJudge WITH_CANARY =
      Judges.selfCheck(new SelfCheckParams(Duration.ofMillis(500), 0.8, List.of(CANARY)));
  static final RoundJudge NO_CANARY =
      Judges.selfCheck(new SelfCheckParams(Duration.ofMillis(500), 0.8, List.of()));

  static List<Observation> allDown(Outcome outcome) {
    return List.of(failed("a", outcome), failed("b", outcome), failed("c", outcome));
  }

  @Test
  void judge_roundSentLaterThanMaxLateness_isExcludedAsStalled() {
    long late = Duration.ofMillis(501).toNanos();
    RoundResult r =
        NO_CANARY.judge(
            round(
                RoundKind.SAMPLE,
                List.of(
                    ok("a", ProbeFacts.height(1), late), ok("b", ProbeFacts.height(1), late + 9)),
                List.of()));

    assertThat(r.excluded()).contains(Exclusion.FISHERMAN_STALLED);
    assertThat(r.observations()).extracting(Observation::outcome).containsOnly(Outcome.EXCLUDED);
    assertThat(r.observations().get(0).detail()).isEqualTo("fisherman_stalled (was ok)");
  }

  @Test
  void judge_roundAtMaxLateness_isKept() {
    long late = Duration.ofMillis(500).toNanos();
    RoundResult r =
        NO_CANARY.judge(
            round(RoundKind.SAMPLE, List.of(ok("a", ProbeFacts.height(1), late)), List.of()));

    assertThat(r.excluded()).isEmpty();
  }

  @Test
  void judge_everyProbeLostAndTheCanaryLostToo_isExcludedAsNetwork() {
    RoundResult r =
        WITH_CANARY.judge(
            round(
                RoundKind.SAMPLE,
                allDown(Outcome.TIMEOUT_CONNECT),
                List.of(failed(CANARY.toString(), Outcome.TIMEOUT_CONNECT))));

    assertThat(r.excluded()).contains(Exclusion.FISHERMAN_NETWORK);
    assertThat(r.observations().get(0).detail())
        .isEqualTo("fisherman_network (was timeout_connect: timeout_connect)");
  }

  @Test
  void judge_everyServicerDeadWhileTheCanaryAnswers_isStillBlamed() {
    RoundResult r =
        WITH_CANARY.judge(
            round(
                RoundKind.SAMPLE, allDown(Outcome.REFUSED), List.of(height(CANARY.toString(), 7))));

    assertThat(r.excluded()).isEmpty();
    assertThat(r.observations()).extracting(Observation::outcome).containsOnly(Outcome.REFUSED);
  }

  @Test
  void judge_oneDeadServicerAmongHealthyOnes_isStillBlamed() {
    RoundResult r =
        NO_CANARY.judge(
            round(
                RoundKind.SAMPLE,
                List.of(height("a", 1), height("b", 1), failed("c", Outcome.TIMEOUT_CONNECT)),
                List.of()));

    assertThat(r.excluded()).isEmpty();
  }

  @Test
  void judge_withoutCanaries_everyServicerLostAtOnce_isExcludedAsNetwork() {
    RoundResult r = NO_CANARY.judge(round(RoundKind.SAMPLE, allDown(Outcome.DNS), List.of()));

    assertThat(r.excluded()).contains(Exclusion.FISHERMAN_NETWORK);
  }

  @Test
  void judge_withoutCanaries_mostButNotAllLost_isStillBlamed() {
    List<Observation> obs =
        List.of(
            failed("a", Outcome.RESET),
            failed("b", Outcome.RESET),
            failed("c", Outcome.RESET),
            failed("d", Outcome.RESET),
            height("e", 1));
    RoundResult r = NO_CANARY.judge(round(RoundKind.SAMPLE, obs, List.of()));

    assertThat(r.excluded()).isEmpty();
  }

  @Test
  void judge_withoutCanaries_aSingleServicerDown_isStillBlamed() {
    RoundResult r =
        NO_CANARY.judge(
            round(RoundKind.SAMPLE, List.of(failed("a", Outcome.TIMEOUT_CONNECT)), List.of()));

    assertThat(r.excluded()).isEmpty();
  }

  @Test
  void judge_failuresOfTheServicersThemselves_areNotNetworkClass() {
    RoundResult r =
        WITH_CANARY.judge(
            round(
                RoundKind.SAMPLE,
                allDown(Outcome.HTTP_STATUS),
                List.of(failed(CANARY.toString(), Outcome.TIMEOUT_CONNECT))));

    assertThat(r.excluded()).isEmpty();
  }

  @Test
  void judges_excludedRound_judgesNobody() {
    RoundResult r =
        round(
            RoundKind.SAMPLE,
            allDown(Outcome.TIMEOUT_CONNECT),
            List.of(failed(CANARY.toString(), Outcome.TIMEOUT_CONNECT)));
    for (RoundJudge j :
        List.of(
            WITH_CANARY,
            Judges.sync(dev.fisherman.genesis.CheckParams.DEFAULTS.sync()),
            Judges.integrity(dev.fisherman.genesis.CheckParams.DEFAULTS.integrity()))) {
      r = j.judge(r);
    }

    assertThat(r.head()).isEmpty();
    assertThat(r.quorum()).isEqualTo(RoundResult.Quorum.NONE);
  }

  /** Round {@code n} of session {@code session}, as the fan-out hands it over. */
  static RoundResult numbered(String session, int n, Observation... obs) {
    RoundResult r = Rounds.sample(obs);
    return new RoundResult(
        session,
        r.service(),
        n,
        r.intendedAt(),
        r.kind(),
        r.askedHeight(),
        r.observations(),
        r.canaries(),
        r.head(),
        r.excluded(),
        r.quorum(),
        r.findings());
  }

  @Test
  void judge_theRoundTheNetworkCameBackIn_isExcludedToo_butNotTheOneAfter() {
    RoundJudge judge =
        Judges.selfCheck(new SelfCheckParams(Duration.ofMillis(500), 0.8, List.of()));
    RoundResult outage =
        judge.judge(
            numbered(
                "s1",
                3,
                failed("up-1", Outcome.TIMEOUT_CONNECT),
                failed("up-2", Outcome.TIMEOUT_CONNECT),
                failed("down", Outcome.TIMEOUT_CONNECT)));
    // Sent into the outage: up-1's retried SYN got through after the restore, up-2's did not.
    RoundResult back =
        judge.judge(
            numbered(
                "s1",
                4,
                ok("up-1", ProbeFacts.NONE, 0),
                failed("up-2", Outcome.TIMEOUT_CONNECT),
                failed("down", Outcome.REFUSED)));
    RoundResult after =
        judge.judge(
            numbered(
                "s1",
                5,
                ok("up-1", ProbeFacts.NONE, 0),
                ok("up-2", ProbeFacts.NONE, 0),
                failed("down", Outcome.REFUSED)));

    assertThat(outage.excluded()).contains(Exclusion.FISHERMAN_NETWORK);
    assertThat(back.excluded()).contains(Exclusion.FISHERMAN_NETWORK);
    assertThat(back.observations().get(1).detail())
        .isEqualTo("fisherman_network (was timeout_connect: timeout_connect)");
    // A servicer that stays dead is blamed again from the round after.
    assertThat(after.excluded()).isEmpty();
    assertThat(after.observations().get(2).outcome()).isEqualTo(Outcome.REFUSED);
  }

  /** A judge that has just excluded round 3 of session s1 as fisherman_network. */
  static RoundJudge afterAnOutageInRound3OfS1() {
    RoundJudge judge =
        Judges.selfCheck(new SelfCheckParams(Duration.ofMillis(500), 0.8, List.of()));
    RoundResult outage =
        judge.judge(
            numbered(
                "s1",
                3,
                failed("a", Outcome.TIMEOUT_CONNECT),
                failed("b", Outcome.TIMEOUT_CONNECT)));
    assertThat(outage.excluded()).contains(Exclusion.FISHERMAN_NETWORK);
    return judge;
  }

  /** Rounds after an outage in round 3 of s1 that are judged as any other round. */
  static Stream<Arguments> notExcused() {
    return Stream.of(
        Arguments.of("the next round, nothing lost", "s1", 4, ok("b", ProbeFacts.NONE, 0)),
        Arguments.of("another session's round", "s2", 4, failed("b", Outcome.TIMEOUT_CONNECT)),
        Arguments.of(
            "the round two after the outage", "s1", 5, failed("b", Outcome.TIMEOUT_CONNECT)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notExcused")
  void judge_aRoundTheOutageDoesNotExcuse_isKept(
      String what, String session, int round, Observation b) {
    RoundJudge judge = afterAnOutageInRound3OfS1();

    RoundResult r = judge.judge(numbered(session, round, ok("a", ProbeFacts.NONE, 0), b));

    assertThat(r.excluded()).as(what).isEmpty();
  }
}
