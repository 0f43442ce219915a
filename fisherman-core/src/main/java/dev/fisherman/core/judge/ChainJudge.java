package dev.fisherman.core.judge;

import dev.fisherman.core.check.ServiceChecks;
import dev.fisherman.core.probe.Finding;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.RoundJudge;
import dev.fisherman.core.probe.RoundKind;
import dev.fisherman.core.probe.RoundResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The chain identity check of a chain round: each answered chain id against the service's. */
final class ChainJudge implements RoundJudge {
  private final Function<String, Optional<String>> expected;

  ChainJudge(Function<String, Optional<String>> expected) {
    this.expected = expected;
  }

  @Override
  public RoundResult judge(RoundResult round) {
    if (round.kind() != RoundKind.CHAIN || round.excluded().isPresent()) {
      return round;
    }
    Optional<String> chain = expected.apply(round.service());
    if (chain.isEmpty()) {
      return round;
    }
    List<Observation> obs = round.observations();
    List<Finding> findings = new ArrayList<>(round.findings());
    for (int k = 0; k < obs.size(); k++) {
      Observation o = obs.get(k);
      if (o.outcome() == Outcome.OK && o.facts().chainId().isPresent()) {
        Finding.Chain mark =
            ServiceChecks.sameChain(chain.get(), o.facts().chainId().get())
                ? Finding.Chain.MATCH
                : Finding.Chain.MISMATCH;
        findings.set(k, findings.get(k).withChain(mark));
      }
    }
    return round.withFindings(findings, round.quorum());
  }
}
