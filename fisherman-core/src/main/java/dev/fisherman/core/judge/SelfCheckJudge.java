package dev.fisherman.core.judge;

import dev.fisherman.core.probe.Exclusion;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.RoundJudge;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.genesis.SelfCheckParams;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Excludes a round the fisherman, not the servicers, is to blame for: sent too late ({@code
 * fisherman_stalled}), or most probes failing the network way while the control check fails too
 * ({@code fisherman_network}): every canary unanswered, or, without canaries, every servicer of the
 * round (at least two) failing at once.
 *
 * <p>The round after such a network round is the one the network came back in: its probes went out
 * while the network was still down, and whether each got through depends on when its socket retried
 * (a SYN sent into the outage is sent again after 1 s, then 3 s, and a restore between two sockets'
 * retries lets one connect and leaves the other to time out). When probes of that round failed the
 * network way, it is excluded as {@code fisherman_network} too, so the outage's last round blames
 * nobody. Only one round: a round excluded this way does not excuse the next, so a servicer that
 * stays dead is judged again from the round after.
 */
final class SelfCheckJudge implements RoundJudge {
  /** Sessions remembered with a network round as their last judged one, at most. */
  static final int MAX_REMEMBERED = 10_000;

  private final long maxLatenessNanos;
  private final double maxNetworkFailures;
  // Session id -> number of its round last excluded as fisherman_network by the control check;
  // forgotten once a round after the next one is judged.
  private final Map<String, Integer> outageRounds = new ConcurrentHashMap<>();

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
    Integer outage = outageRounds.get(round.sessionId());
    boolean recovering = outage != null && round.round() == outage + 1;
    if (outage != null && round.round() > outage + 1) {
      // Past the round after the outage (rounds may be judged slightly out of order).
      outageRounds.remove(round.sessionId(), outage);
    }
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
      if (outageRounds.size() >= MAX_REMEMBERED) {
        // Sessions that ended right after an outage; only the next round of each would look.
        outageRounds.clear();
      }
      outageRounds.merge(round.sessionId(), round.round(), Math::max);
      return round.excludedFor(Exclusion.FISHERMAN_NETWORK);
    }
    if (recovering && lost > 0) {
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
