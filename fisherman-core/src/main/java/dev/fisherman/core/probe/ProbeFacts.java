package dev.fisherman.core.probe;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a response said about the servicer's chain, as read by the service's {@link
 * dev.fisherman.core.check.ResponseCheck}. Each fact is present only when the check reads it; more
 * facts (a block digest, a chain id) join here as further components.
 *
 * @param blockHeight the block height the response reported
 */
public record ProbeFacts(OptionalLong blockHeight) {
  /** No facts: the check read none, or the probe did not end with a response. */
  public static final ProbeFacts NONE = new ProbeFacts(OptionalLong.empty());

  public ProbeFacts {
    Objects.requireNonNull(blockHeight, "blockHeight");
    if (blockHeight.isPresent() && blockHeight.getAsLong() < 0) {
      throw new IllegalArgumentException(
          "blockHeight: " + blockHeight.getAsLong() + " (expected: >= 0)");
    }
  }

  /** Facts holding only a block height. */
  public static ProbeFacts height(long blockHeight) {
    return new ProbeFacts(OptionalLong.of(blockHeight));
  }
}
