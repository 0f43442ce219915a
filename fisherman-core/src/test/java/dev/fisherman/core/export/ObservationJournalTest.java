package dev.fisherman.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.core.store.SessionReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ObservationJournalTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static RoundResult round(String session, int round, String... servicers) {
    List<Observation> out = new ArrayList<>();
    for (String s : servicers) {
      out.add(
          new Observation(
              session,
              s,
              round,
              T0.plusSeconds(round),
              0,
              OptionalLong.empty(),
              OptionalLong.of(1_000),
              2_000,
              Outcome.OK,
              OptionalInt.of(200),
              OptionalLong.empty(),
              ProbeFacts.NONE,
              ""));
    }
    return new RoundResult(session, "eth", round, T0.plusSeconds(round), out);
  }

  @Test
  void observations_everyRecordedRoundOfTheSession_inRecordedOrder() {
    ObservationJournal journal = new ObservationJournal(100);
    journal.round(round("s-1", 1, "a", "b"));
    journal.round(round("s-2", 0, "a"));
    journal.round(round("s-1", 0, "a", "b"));

    assertThat(journal.observations("s-1").orElseThrow())
        .extracting(o -> o.round() + o.servicer())
        .containsExactly("1a", "1b", "0a", "0b");
    assertThat(journal.observations("s-2").orElseThrow()).hasSize(1);
    assertThat(journal.observations("s-3")).isEmpty();
  }

  @Test
  void observations_isASnapshot_laterRoundsDoNotChangeIt() {
    ObservationJournal journal = new ObservationJournal(100);
    journal.round(round("s-1", 0, "a"));
    List<Observation> before = journal.observations("s-1").orElseThrow();
    journal.round(round("s-1", 1, "a"));
    assertThat(before).hasSize(1);
    assertThat(journal.observations("s-1").orElseThrow()).hasSize(2);
  }

  @Test
  void beyondTheBound_wholeSessionsAreForgotten() {
    ObservationJournal journal = new ObservationJournal(10);
    for (int s = 0; s < 5; s++) {
      for (int r = 0; r < 3; r++) {
        journal.round(round("s-" + s, r, "a"));
      }
    }
    long kept = 0;
    for (int s = 0; s < 5; s++) {
      List<Observation> o = journal.observations("s-" + s).orElse(List.of());
      // A session is kept whole or not at all.
      assertThat(o.size()).isIn(0, 3);
      kept += o.size();
    }
    assertThat(kept).isBetween(3L, 10L);
    assertThat(journal.sessions()).isLessThanOrEqualTo(3);
  }

  @Test
  void maxBelowOne_isRejected() {
    assertThatThrownBy(() -> new ObservationJournal(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxObservations: 0 (expected: >= 1)");
  }

  @Test
  void all_handsEachRoundToThoseThatWantRounds_andEveryReportToAll() {
    ObservationJournal journal = new ObservationJournal(100);
    List<String> finished = new ArrayList<>();
    SessionExport reportsOnly =
        new SessionExport() {
          @Override
          public void round(RoundResult round) {
            throw new AssertionError("rounds are not wanted");
          }

          @Override
          public void finished(SessionReport report) {
            finished.add(report.summary().sessionId());
          }

          @Override
          public boolean wantsRounds() {
            return false;
          }
        };
    SessionExport both = SessionExport.all(List.of(reportsOnly, journal));
    assertThat(both.wantsRounds()).isTrue();
    assertThat(SessionExport.all(List.of(reportsOnly)).wantsRounds()).isFalse();

    both.round(round("s-1", 0, "a"));
    both.finished(
        new SessionReport(
            new dev.fisherman.core.store.SessionSummary(
                "s-1",
                "eth",
                T0,
                T0.plusSeconds(60),
                dev.fisherman.core.store.SessionState.ENDED,
                1,
                1,
                1),
            List.of()));

    assertThat(journal.observations("s-1").orElseThrow()).hasSize(1);
    assertThat(finished).containsExactly("s-1");
  }
}
