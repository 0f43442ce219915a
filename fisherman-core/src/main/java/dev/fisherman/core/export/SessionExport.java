package dev.fisherman.core.export;

import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.core.store.SessionReport;
import java.util.List;

/**
 * Where finished sessions go to outlive the ephemeral store. The engine hands over every round of a
 * session once, after it is judged and recorded (rounds that never fired as {@code cancelled}
 * observations), then the final report once every round is in. Calls come from the engine's
 * threads: an implementation must not block them (write files on a thread of its own).
 */
public interface SessionExport {
  /** Exports nothing. */
  SessionExport NONE =
      new SessionExport() {
        @Override
        public void round(RoundResult round) {}

        @Override
        public void finished(SessionReport report) {}

        @Override
        public boolean wantsRounds() {
          return false;
        }
      };

  /** Every one of {@code exports}, in order; wants rounds when any of them does. */
  static SessionExport all(List<SessionExport> exports) {
    List<SessionExport> list = List.copyOf(exports);
    return new SessionExport() {
      @Override
      public void round(RoundResult round) {
        for (SessionExport e : list) {
          if (e.wantsRounds()) {
            e.round(round);
          }
        }
      }

      @Override
      public void finished(SessionReport report) {
        for (SessionExport e : list) {
          e.finished(report);
        }
      }

      @Override
      public boolean wantsRounds() {
        return list.stream().anyMatch(SessionExport::wantsRounds);
      }
    };
  }

  /** One round of a session, as recorded. */
  void round(RoundResult round);

  /** The session is over and every round of it was handed over: its final report. */
  void finished(SessionReport report);

  /** Whether rounds are wanted at all (false: the engine builds no cancelled rounds for it). */
  default boolean wantsRounds() {
    return true;
  }
}
