package dev.fisherman.core.reputation;

import java.util.List;

/**
 * The servicers selection draws from, with their weights as they were when the pool was made: the
 * candidates in state ok with a score above 0. Made by {@link Reputation#pool}, drawn from by
 * {@link Reputation#draw}; a caller may keep one while {@link Reputation#version()} is unchanged,
 * so a selection need not look at every candidate again.
 */
public final class Pool {
  final List<Selection.Candidate> eligible;
  final int bestBand;
  final long[] cumulative;
  final long version;
  final long madeAt;

  Pool(List<Selection.Candidate> eligible, int bestBand, long version, long madeAt) {
    this.eligible = List.copyOf(eligible);
    this.bestBand = bestBand;
    // Made once per pool: a selection then only draws from it.
    this.cumulative = Selection.cumulative(this.eligible, bestBand);
    this.version = version;
    this.madeAt = madeAt;
  }

  /** Servicers that may be drawn. */
  public int size() {
    return eligible.size();
  }

  /** The reputation's {@link Reputation#version()} when this pool was made. */
  public long version() {
    return version;
  }

  /** The engine ticker's reading when this pool was made. */
  public long madeAtNanos() {
    return madeAt;
  }
}
