package dev.fisherman.genesis;

import dev.fisherman.genesis.input.Durations;
import dev.fisherman.genesis.input.Fields;
import dev.fisherman.genesis.input.Node;
import dev.fisherman.genesis.input.StrictReader;
import java.time.Duration;

/** Checks {@code params.session}: how long a session lasts on chain. */
final class SessionChecker {
  static final int MAX_BLOCKS_PER_SESSION = 1_000_000;
  static final Duration MAX_BLOCK_TIME = Duration.ofHours(24);

  static final String E_SESSION = "an object with blocks_per_session and block_time";
  static final String E_BLOCKS = "an integer from 1 to " + MAX_BLOCKS_PER_SESSION;
  static final String E_BLOCK_TIME = "a duration > 0 and at most 24h";

  private final StrictReader in;

  SessionChecker(StrictReader in) {
    this.in = in;
  }

  SessionParams session(String path, Node node) {
    Fields f = in.object(path, node, GenesisKeys.SESSION, E_SESSION);
    if (f == null) {
      return null;
    }
    Integer blocks =
        f.required(
            "blocks_per_session",
            E_BLOCKS,
            (p, n) -> in.integer(p, n, 1, MAX_BLOCKS_PER_SESSION, E_BLOCKS));
    Duration blockTime =
        f.required(
            "block_time",
            Durations.EXPECTED,
            (p, n) ->
                in.duration(
                    p, n, d -> d.isPositive() && d.compareTo(MAX_BLOCK_TIME) <= 0, E_BLOCK_TIME));
    return blocks == null || blockTime == null ? null : new SessionParams(blocks, blockTime);
  }
}
