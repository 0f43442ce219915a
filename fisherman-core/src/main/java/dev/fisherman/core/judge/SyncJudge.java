package dev.fisherman.core.judge;

import dev.fisherman.core.probe.Finding;
import dev.fisherman.core.probe.Head;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.RoundJudge;
import dev.fisherman.core.probe.RoundKind;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.genesis.CheckParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The block-height check of a sampling round. The head is the highest height that at least {@code
 * min_agreeing} servicers report at or above, so a single servicer claiming a huge height cannot
 * put everyone else behind; each servicer that reported a height is then synced, behind (more than
 * {@code allowance} below the head) or ahead (more than {@code allowance} above it).
 */
final class SyncJudge implements RoundJudge {
  private final Function<String, CheckParams.Sync> params;

  SyncJudge(Function<String, CheckParams.Sync> params) {
    this.params = params;
  }

  @Override
  public RoundResult judge(RoundResult round) {
    if (round.kind() != RoundKind.SAMPLE || round.excluded().isPresent()) {
      return round;
    }
    CheckParams.Sync sync = params.apply(round.service());
    List<Observation> obs = round.observations();
    long[] heights = new long[obs.size()];
    int n = 0;
    for (Observation o : obs) {
      if (o.outcome() == Outcome.OK && o.blockHeight().isPresent()) {
        heights[n++] = o.blockHeight().getAsLong();
      }
    }
    if (n < sync.minAgreeing()) {
      return round;
    }
    long[] sorted = Arrays.copyOf(heights, n);
    Arrays.sort(sorted);
    // Ascending: the k-th highest is at n - k.
    long head = sorted[n - sync.minAgreeing()];
    int agreedBy = 0;
    for (long h : sorted) {
      if (h >= head) {
        agreedBy++;
      }
    }
    List<Finding> findings = new ArrayList<>(round.findings());
    for (int k = 0; k < obs.size(); k++) {
      Observation o = obs.get(k);
      if (o.outcome() != Outcome.OK || o.blockHeight().isEmpty()) {
        continue;
      }
      long behind = head - o.blockHeight().getAsLong();
      Finding.Sync mark =
          behind > sync.allowance()
              ? Finding.Sync.BEHIND
              : -behind > sync.allowance() ? Finding.Sync.AHEAD : Finding.Sync.SYNCED;
      findings.set(k, findings.get(k).withSync(mark, behind));
    }
    return round.withHead(new Head(head, agreedBy)).withFindings(findings, round.quorum());
  }
}
