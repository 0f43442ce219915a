package dev.fisherman.core.qos;

import java.util.Objects;
import java.util.Optional;

/**
 * A servicer's counts from the cross-servicer checks inside one session.
 *
 * @param syncJudged sampling rounds in which the sync check judged it
 * @param behind of those, rounds in which it was more than {@code allowance} blocks behind
 * @param ahead of those, rounds in which it was more than {@code allowance} blocks ahead
 * @param integrityJudged integrity rounds with a quorum in which it answered an identifier
 * @param disagreed of those, rounds in which its identifier was not the agreed one
 * @param chainId the chain id it last answered, when it answered one
 * @param chainMismatch whether a judged chain round found another chain than the service's
 * @param chainJudged whether a chain round judged it
 */
public record CheckFigures(
    long syncJudged,
    long behind,
    long ahead,
    long integrityJudged,
    long disagreed,
    Optional<String> chainId,
    boolean chainMismatch,
    boolean chainJudged) {
  /** Nothing judged. */
  public static final CheckFigures NONE =
      new CheckFigures(0, 0, 0, 0, 0, Optional.empty(), false, false);

  public CheckFigures {
    Objects.requireNonNull(chainId, "chainId");
  }
}
