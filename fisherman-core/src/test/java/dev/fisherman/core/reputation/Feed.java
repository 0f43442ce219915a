package dev.fisherman.core.reputation;

import dev.fisherman.core.probe.Finding;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.core.probe.RoundKind;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Feeds a reputation rounds of one servicer each, sent at the clock's instant. */
public final class Feed {
  private final Reputation reputation;
  private final ManualClock clock;

  public Feed(Reputation reputation, ManualClock clock) {
    this.reputation = reputation;
    this.clock = clock;
  }

  static Observation observation(
      String servicer, java.time.Instant at, Outcome outcome, Duration latency) {
    return new Observation(
        "s1",
        servicer,
        0,
        at,
        0,
        OptionalLong.empty(),
        OptionalLong.empty(),
        latency.toNanos(),
        outcome,
        outcome == Outcome.OK ? OptionalInt.of(200) : OptionalInt.empty(),
        OptionalLong.empty(),
        ProbeFacts.NONE,
        outcome == Outcome.OK ? "" : outcome.wireName());
  }

  /** One probe of {@code servicer} now, ending in {@code outcome} after {@code latency}. */
  void probe(String servicer, Outcome outcome, Duration latency) {
    probe(servicer, outcome, latency, Finding.NONE);
  }

  void probe(String servicer, Outcome outcome, Duration latency, Finding finding) {
    Observation o = observation(servicer, clock.instant(), outcome, latency);
    reputation.record(
        new RoundResult(
            "s1",
            "eth",
            0,
            clock.instant(),
            RoundKind.SAMPLE,
            OptionalLong.empty(),
            List.of(o),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            RoundResult.Quorum.NONE,
            List.of(finding)));
  }

  void ok(String servicer, Duration latency) {
    probe(servicer, Outcome.OK, latency);
  }

  public void ok(String servicer) {
    ok(servicer, Duration.ofMillis(20));
  }

  public void refused(String servicer) {
    probe(servicer, Outcome.REFUSED, Duration.ofMillis(1));
  }
}
