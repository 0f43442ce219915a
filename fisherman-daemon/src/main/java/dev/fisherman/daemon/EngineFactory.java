package dev.fisherman.daemon;

import dev.fisherman.core.Fisherman;
import dev.fisherman.core.FishermanBuilder;
import dev.fisherman.core.export.SessionExport;
import dev.fisherman.genesis.Genesis;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.time.InstantSource;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Makes the engine the daemon runs; tests hand in a fake, production uses {@link #DEFAULT}. */
@FunctionalInterface
public interface EngineFactory {
  /** {@link Fisherman#builder(Genesis)} with the daemon's loops, registry, clock and randomness. */
  EngineFactory DEFAULT = standard(FishermanBuilder.DEFAULT_SERVICER_METRICS_LIMIT);

  /**
   * {@link #DEFAULT} with at most {@code servicerMetricsLimit} servicers having meters of their
   * own.
   */
  static EngineFactory standard(int servicerMetricsLimit) {
    return (genesis, group, registry, clock, random, export) -> {
      var builder =
          Fisherman.builder(genesis)
              .eventLoopGroup(group)
              .meterRegistry(registry)
              .clock(clock)
              .export(export)
              .servicerMetricsLimit(servicerMetricsLimit);
      random.ifPresent(builder::random);
      return builder.build();
    };
  }

  /**
   * A started engine. The group, registry and clock stay the caller's.
   *
   * @param random empty for the engine's default (private, secure) randomness
   * @param export where finished sessions go ({@link SessionExport#NONE} unless {@code
   *     --export-dir})
   */
  Fisherman create(
      Genesis genesis,
      EventLoopGroup group,
      MeterRegistry registry,
      InstantSource clock,
      Optional<RandomGenerator> random,
      SessionExport export);
}
