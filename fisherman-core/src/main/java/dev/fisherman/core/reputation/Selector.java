package dev.fisherman.core.reputation;

import java.util.List;

/** Hands out servicers of a service for a gateway's next relay (FindNode). */
@FunctionalInterface
public interface Selector {
  /** Selects nobody: for a view with no engine behind it. */
  Selector NONE = (service, n) -> List.of();

  /**
   * Up to {@code n} distinct servicers of {@code service} in state {@code ok}, drawn at random
   * weighted by score; empty when none qualifies.
   *
   * @throws IllegalArgumentException if {@code service} is unknown or {@code n < 1}
   */
  List<Selected> select(String service, int n);
}
