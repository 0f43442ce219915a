package dev.fisherman.core.judge;

import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.core.probe.RoundKind;
import dev.fisherman.core.probe.RoundResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Builds rounds the way the fan-out hands them to the judges. */
final class Rounds {
  static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  private Rounds() {}

  static Observation ok(String servicer, ProbeFacts facts, long latenessNanos) {
    return new Observation(
        "s1",
        servicer,
        0,
        AT,
        latenessNanos,
        OptionalLong.empty(),
        OptionalLong.of(1_000_000),
        2_000_000,
        Outcome.OK,
        OptionalInt.of(200),
        OptionalLong.empty(),
        facts,
        "");
  }

  static Observation height(String servicer, long height) {
    return ok(servicer, ProbeFacts.height(height), 1_000);
  }

  static Observation block(String servicer, String id) {
    return ok(servicer, ProbeFacts.NONE.withBlockId(id), 1_000);
  }

  static Observation chain(String servicer, String id) {
    return ok(servicer, ProbeFacts.NONE.withChainId(id), 1_000);
  }

  static Observation failed(String servicer, Outcome outcome) {
    return new Observation(
        "s1",
        servicer,
        0,
        AT,
        1_000,
        OptionalLong.empty(),
        OptionalLong.empty(),
        1_000_000_000,
        outcome,
        OptionalInt.empty(),
        OptionalLong.empty(),
        ProbeFacts.NONE,
        outcome.wireName());
  }

  static RoundResult round(RoundKind kind, List<Observation> obs, List<Observation> canaries) {
    return new RoundResult(
        "s1",
        "eth",
        0,
        AT,
        kind,
        kind == RoundKind.INTEGRITY ? OptionalLong.of(90) : OptionalLong.empty(),
        obs,
        canaries,
        Optional.empty(),
        Optional.empty(),
        RoundResult.Quorum.NONE,
        List.of());
  }

  static RoundResult sample(Observation... obs) {
    return round(RoundKind.SAMPLE, List.of(obs), List.of());
  }

  static List<Observation> heights(long... heights) {
    List<Observation> out = new ArrayList<>();
    for (int i = 0; i < heights.length; i++) {
      out.add(height("s" + i, heights[i]));
    }
    return out;
  }
}
