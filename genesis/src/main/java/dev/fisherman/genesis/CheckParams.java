package dev.fisherman.genesis;

import java.util.Objects;

/**
 * {@code params.checks} (or a service's {@code checks} override): how rounds are compared across
 * servicers. Defaults are in {@link #DEFAULTS} and documented in docs/genesis.md.
 */
public record CheckParams(Sync sync, Integrity integrity) {
  /** The values used for every field a genesis file leaves out. */
  public static final CheckParams DEFAULTS =
      new CheckParams(new Sync(2, 5), new Integrity(10, 10, 100, 0.5));

  public CheckParams {
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(integrity, "integrity");
  }

  /**
   * The block-height check.
   *
   * @param minAgreeing servicers that must report a height at or above the round's head
   * @param allowance blocks a servicer may be behind (or ahead of) the head and still be synced
   */
  public record Sync(int minAgreeing, long allowance) {
    public Sync {
      if (minAgreeing < 2) {
        throw new IllegalArgumentException("min_agreeing: " + minAgreeing + " (expected: >= 2)");
      }
      if (allowance < 0) {
        throw new IllegalArgumentException("allowance: " + allowance + " (expected: >= 0)");
      }
    }
  }

  /**
   * The data-integrity check.
   *
   * @param every one integrity round in each run of this many rounds, at a private position; 0 off
   * @param offsetMin lowest distance below the head the compared block is taken at
   * @param offsetMax highest such distance
   * @param quorum share of the responders above which an identifier is the agreed one
   */
  public record Integrity(int every, long offsetMin, long offsetMax, double quorum) {
    public Integrity {
      if (every < 0) {
        throw new IllegalArgumentException("every: " + every + " (expected: >= 0)");
      }
      if (offsetMin < 1 || offsetMax < offsetMin) {
        throw new IllegalArgumentException(
            "offset: [" + offsetMin + ", " + offsetMax + "] (expected: 1 <= min <= max)");
      }
      if (!(quorum >= 0.0 && quorum < 1.0)) {
        throw new IllegalArgumentException("quorum: " + quorum + " (expected: in [0, 1))");
      }
    }

    /** Whether integrity rounds run at all. */
    public boolean enabled() {
      return every > 0;
    }
  }
}
