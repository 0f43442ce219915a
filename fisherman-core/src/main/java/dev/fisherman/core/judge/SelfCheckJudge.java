package dev.fisherman.core.judge;

import dev.fisherman.core.probe.Exclusion;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.RoundJudge;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.genesis.SelfCheckParams;

/**
 * Excludes a round the fisherman, not the servicers, is to blame for: sent too late ({@code
 * fisherman_stalled}), or most probes failing the network way while the control check fails too
 * ({@code fisherman_network}): every canary unanswered, or, without canaries, every servicer of the
 * round (at least two) failing at once.
 */
final class SelfCheckJudge implements RoundJudge {
  private final long maxLatenessNanos;
  private final double maxNetworkFailures;

  SelfCheckJudge(SelfCheckParams params) {
    this.maxLatenessNanos = params.maxLateness().toNanos();
    this.maxNetworkFailures = params.maxNetworkFailures();
  }

  /**
   * A probe that failed the way a fisherman without network fails. A response timeout counts too: a
   * kept-alive connection sees a dropped network as an answer that never comes.
   */
  static boolean lost(Outcome o) {
    return o.isNetworkFailure() || o == Outcome.TIMEOUT_RESPONSE;
  }

  @Override
  public RoundResult judge(RoundResult round) {
    if (round.excluded().isPresent()) {
      return round;
    }
    int sent = 0;
    int lost = 0;
    long firstSend = Long.MAX_VALUE;
    for (Observation o : round.observations()) {
      if (o.outcome() == Outcome.CANCELLED) {
        continue;
      }
      sent++;
      firstSend = Math.min(firstSend, o.latenessNanos());
      if (lost(o.outcome())) {
        lost++;
      }
    }
    if (sent == 0) {
      return round;
    }
    // The whole round went out late: the first send is the round's own lateness.
    if (firstSend > maxLatenessNanos) {
      return round.excludedFor(Exclusion.FISHERMAN_STALLED);
    }
    if ((double) lost / sent >= maxNetworkFailures && controlFailed(round, sent, lost)) {
      return round.excludedFor(Exclusion.FISHERMAN_NETWORK);
    }
    return round;
  }

  private static boolean controlFailed(RoundResult round, int sent, int lost) {
    if (round.canaries().isEmpty()) {
      // Without canaries one dead servicer alone cannot be told from a dead network.
      return sent >= 2 && lost == sent;
    }
    for (Observation c : round.canaries()) {
      if (!lost(c.outcome()) && c.outcome() != Outcome.CANCELLED) {
        return false;
      }
    }
    return true;
  }
}
