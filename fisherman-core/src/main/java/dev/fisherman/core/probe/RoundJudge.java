package dev.fisherman.core.probe;

/**
 * A check over a whole round, run after every probe of the round is decided and before the round is
 * recorded: the place where servicers' answers are compared with each other. A judge returns the
 * round to record, which may differ from the one it was given (e.g. observations reclassified); it
 * must keep one observation per servicer, in order. The engine runs {@code
 * dev.fisherman.core.judge.Judges.of(genesis)} (self-check, sync, integrity, chain), then any
 * judges it is given.
 */
@FunctionalInterface
public interface RoundJudge {
  /** Records the round as it is. */
  RoundJudge NONE = round -> round;

  /** The round to record in place of {@code round}. */
  RoundResult judge(RoundResult round);
}
