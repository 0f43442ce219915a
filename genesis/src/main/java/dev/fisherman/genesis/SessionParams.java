package dev.fisherman.genesis;

import java.time.Duration;
import java.util.Objects;

/** {@code params.session}: how long a session lasts, in blocks and wall time. */
public record SessionParams(int blocksPerSession, Duration blockTime) {
  public SessionParams {
    if (blocksPerSession < 1) {
      throw new IllegalArgumentException(
          "blocks_per_session: " + blocksPerSession + " (expected: >= 1)");
    }
    Objects.requireNonNull(blockTime, "blockTime");
    if (blockTime.isNegative() || blockTime.isZero()) {
      throw new IllegalArgumentException("block_time: " + blockTime + " (expected: > 0)");
    }
  }

  /** The wall-clock length of one session: {@code blocks_per_session × block_time}. */
  public Duration sessionLength() {
    return blockTime.multipliedBy(blocksPerSession);
  }
}
