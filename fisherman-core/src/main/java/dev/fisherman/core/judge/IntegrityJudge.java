package dev.fisherman.core.judge;

import dev.fisherman.core.probe.Finding;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.RoundJudge;
import dev.fisherman.core.probe.RoundKind;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.genesis.CheckParams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The data-integrity check of an integrity round: every servicer was asked for the same block's
 * identifier. The identifier reported by more than {@code quorum} of the responders, and by at
 * least two, is the agreed one and servicers with another one disagree; without such an identifier
 * the round is {@code no_quorum} and judges nobody.
 */
final class IntegrityJudge implements RoundJudge {
  private final Function<String, CheckParams.Integrity> params;

  IntegrityJudge(Function<String, CheckParams.Integrity> params) {
    this.params = params;
  }

  @Override
  public RoundResult judge(RoundResult round) {
    if (round.kind() != RoundKind.INTEGRITY || round.excluded().isPresent()) {
      return round;
    }
    double quorum = params.apply(round.service()).quorum();
    List<Observation> obs = round.observations();
    Map<String, Integer> counts = new HashMap<>();
    int responders = 0;
    for (Observation o : obs) {
      if (o.outcome() == Outcome.OK && o.facts().blockId().isPresent()) {
        responders++;
        counts.merge(o.facts().blockId().get(), 1, Integer::sum);
      }
    }
    String agreed = null;
    int best = 0;
    boolean tie = false;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > best) {
        agreed = e.getKey();
        best = e.getValue();
        tie = false;
      } else if (e.getValue() == best) {
        tie = true;
      }
    }
    if (tie || best < 2 || !(best > quorum * responders)) {
      agreed = null;
    }
    if (agreed == null) {
      return round.withFindings(round.findings(), RoundResult.Quorum.NO_QUORUM);
    }
    List<Finding> findings = new ArrayList<>(round.findings());
    for (int k = 0; k < obs.size(); k++) {
      Observation o = obs.get(k);
      if (o.outcome() == Outcome.OK && o.facts().blockId().isPresent()) {
        Finding.Integrity mark =
            o.facts().blockId().get().equals(agreed)
                ? Finding.Integrity.AGREED
                : Finding.Integrity.DISAGREED;
        findings.set(k, findings.get(k).withIntegrity(mark));
      }
    }
    return round.withFindings(findings, RoundResult.Quorum.REACHED);
  }
}
