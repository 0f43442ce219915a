package dev.fisherman.core.probe;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the round judges found about one servicer in one round.
 *
 * @param sync the sync check's mark, {@link Sync#NONE} when the round did not judge it
 * @param blocksBehind head − the servicer's height, when the sync check judged it (negative: ahead)
 * @param integrity the integrity check's mark
 * @param chain the chain check's mark
 */
public record Finding(Sync sync, OptionalLong blocksBehind, Integrity integrity, Chain chain) {
  /** Nothing judged. */
  public static final Finding NONE =
      new Finding(Sync.NONE, OptionalLong.empty(), Integrity.NONE, Chain.NONE);

  public Finding {
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(blocksBehind, "blocksBehind");
    Objects.requireNonNull(integrity, "integrity");
    Objects.requireNonNull(chain, "chain");
  }

  public Finding withSync(Sync s, long behind) {
    return new Finding(s, OptionalLong.of(behind), integrity, chain);
  }

  public Finding withIntegrity(Integrity i) {
    return new Finding(sync, blocksBehind, i, chain);
  }

  public Finding withChain(Chain c) {
    return new Finding(sync, blocksBehind, integrity, c);
  }

  /** The sync check's mark of one servicer in one round. */
  public enum Sync {
    NONE,
    SYNCED,
    BEHIND,
    AHEAD;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The integrity check's mark. */
  public enum Integrity {
    NONE,
    AGREED,
    DISAGREED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The chain check's mark. */
  public enum Chain {
    NONE,
    MATCH,
    MISMATCH;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
