package dev.fisherman.daemon.source.cometbft;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Objects;

/**
 * The node's block time, estimated as the median per-block interval of the last headers (header
 * times, so the estimate does not depend on when events arrive). Until two headers are seen it is
 * the configured block time. Not thread-safe: the source uses it from its loop only.
 */
final class BlockTimes {
  private static final int WINDOW = 32;

  private final Duration initial;
  private final Deque<Long> intervals = new ArrayDeque<>();
  private long lastHeight = -1;
  private Instant lastTime;

  BlockTimes(Duration initial) {
    this.initial = Objects.requireNonNull(initial, "initial");
  }

  void observe(long height, Instant time) {
    if (lastTime != null && height > lastHeight) {
      long perBlock = Duration.between(lastTime, time).toNanos() / (height - lastHeight);
      if (perBlock > 0) {
        intervals.addLast(perBlock);
        if (intervals.size() > WINDOW) {
          intervals.removeFirst();
        }
      }
    }
    if (height > lastHeight) {
      lastHeight = height;
      lastTime = time;
    }
  }

  Duration estimate() {
    if (intervals.isEmpty()) {
      return initial;
    }
    long[] sorted = intervals.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return Duration.ofNanos(sorted[sorted.length / 2]);
  }
}
