package dev.fisherman.core.probe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a response said about the servicer's chain, as read by the service's {@link
 * dev.fisherman.core.check.ResponseCheck}. Each fact is present only when the check reads it.
 *
 * @param blockHeight the block height the response reported
 * @param blockId the digest of the block identifier the response reported (see {@link #digest})
 * @param chainId the chain id the response reported, as the servicer wrote it
 */
public record ProbeFacts(
    OptionalLong blockHeight, Optional<String> blockId, Optional<String> chainId) {
  /** No facts: the check read none, or the probe did not end with a response. */
  public static final ProbeFacts NONE =
      new ProbeFacts(OptionalLong.empty(), Optional.empty(), Optional.empty());

  /** Longest chain id kept; longer ones are cut, they only serve to name the chain in a reason. */
  public static final int MAX_CHAIN_ID = 128;

  public ProbeFacts {
    Objects.requireNonNull(blockHeight, "blockHeight");
    Objects.requireNonNull(blockId, "blockId");
    Objects.requireNonNull(chainId, "chainId");
    if (blockHeight.isPresent() && blockHeight.getAsLong() < 0) {
      throw new IllegalArgumentException(
          "blockHeight: " + blockHeight.getAsLong() + " (expected: >= 0)");
    }
    chainId = chainId.map(c -> c.length() <= MAX_CHAIN_ID ? c : c.substring(0, MAX_CHAIN_ID));
  }

  /** Facts holding only a block height. */
  public ProbeFacts(OptionalLong blockHeight) {
    this(blockHeight, Optional.empty(), Optional.empty());
  }

  /** Facts holding only a block height. */
  public static ProbeFacts height(long blockHeight) {
    return new ProbeFacts(OptionalLong.of(blockHeight));
  }

  /** These facts with {@code chainId} added. */
  public ProbeFacts withChainId(String chainId) {
    return new ProbeFacts(blockHeight, blockId, Optional.of(chainId));
  }

  /** These facts with the digest of block identifier {@code id} added. */
  public ProbeFacts withBlockId(String id) {
    return new ProbeFacts(blockHeight, Optional.of(digest(id)), chainId);
  }

  /**
   * The comparable form of a block identifier: the first 16 bytes of the SHA-256 of its lower-case
   * text, in hex. Answers are compared by digest so a huge identifier costs no more than a hash.
   */
  public static String digest(String id) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(id.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
