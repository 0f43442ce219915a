package dev.fisherman.bench.micro;

import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.qos.Interval;
import dev.fisherman.core.qos.LatencySummary;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.qos.Verdicts;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.core.store.SessionState;
import dev.fisherman.core.store.SessionSummary;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/** Realistic session reports for the rendering benchmark, from a fixed seed. */
final class Reports {
  private Reports() {}

  static SessionReport session(int servicers, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<ServicerQos> qos = new ArrayList<>(servicers);
    for (int i = 0; i < servicers; i++) {
      long ok = 8 + random.nextInt(5);
      long timeouts = random.nextInt(3);
      Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
      outcomes.put(Outcome.OK, ok);
      if (timeouts > 0) {
        outcomes.put(Outcome.TIMEOUT_RESPONSE, timeouts);
      }
      double availability = ok / (double) (ok + timeouts);
      double p50 = 20 + random.nextDouble() * 400;
      qos.add(
          new ServicerQos(
              "pokt1servicer" + String.format("%038d", i),
              URI.create("https://servicer-" + i + ".relay.example:443/v1/"),
              ok + timeouts,
              outcomes,
              OptionalDouble.of(availability),
              Optional.of(new Interval(availability * 0.7, Math.min(1, availability * 1.05))),
              Optional.of(
                  new LatencySummary(p50 * 0.6, p50, p50 * 1.4, p50 * 2.1, p50 * 2.5, p50 * 1.1)),
              new Verdicts(
                  availability >= 0.9 ? Verdicts.Available.YES : Verdicts.Available.NO,
                  p50 >= 500 ? Verdicts.Latency.HIGH : Verdicts.Latency.LOW),
              OptionalLong.of(19_000_000L + random.nextInt(10))));
    }
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    return new SessionReport(
        new SessionSummary(
            "session-1",
            "eth",
            start,
            start.plusSeconds(60),
            SessionState.ACTIVE,
            12,
            9,
            servicers),
        qos);
  }
}
