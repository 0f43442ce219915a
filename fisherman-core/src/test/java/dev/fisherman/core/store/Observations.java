package dev.fisherman.core.store;

import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Observations made up for store tests. */
final class Observations {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Observations() {}

  static Observation ok(int round, long totalMicros) {
    return new Observation(
        "s-1",
        "a",
        round,
        T0,
        1_000,
        OptionalLong.empty(),
        OptionalLong.of(totalMicros * 900),
        totalMicros * 1_000,
        Outcome.OK,
        OptionalInt.of(200),
        OptionalLong.empty(),
        ProbeFacts.height(100 + round),
        "");
  }

  static Observation of(int round, Outcome outcome) {
    return new Observation(
        "s-1",
        "a",
        round,
        T0,
        2_000,
        OptionalLong.of(5_000),
        OptionalLong.empty(),
        7_000,
        outcome,
        outcome == Outcome.HTTP_STATUS ? OptionalInt.of(503) : OptionalInt.empty(),
        outcome == Outcome.RPC_ERROR ? OptionalLong.of(-32000) : OptionalLong.empty(),
        ProbeFacts.NONE,
        outcome.wireName());
  }
}
