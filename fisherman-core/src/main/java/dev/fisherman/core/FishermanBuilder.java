package dev.fisherman.core;

import dev.fisherman.genesis.Genesis;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.time.InstantSource;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** Builds a {@link Fisherman}. Each option is validated once, when it is set. */
public final class FishermanBuilder {
  private final Genesis genesis;
  private EventLoopGroup eventLoopGroup;
  private MeterRegistry meterRegistry;
  private InstantSource clock = InstantSource.system();
  private RandomGenerator random;

  FishermanBuilder(Genesis genesis) {
    this.genesis = Objects.requireNonNull(genesis, "genesis");
  }

  /** The event loops probes run on. Required; the caller owns and shuts them down. */
  public FishermanBuilder eventLoopGroup(EventLoopGroup group) {
    this.eventLoopGroup = Objects.requireNonNull(group, "eventLoopGroup");
    return this;
  }

  /** Where probe, round and store meters go. Default: a private simple registry. */
  public FishermanBuilder meterRegistry(MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
    return this;
  }

  /** The wall clock. Default: the system clock. */
  public FishermanBuilder clock(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * The randomness probe instants and JSON-RPC ids are drawn from. Default: a {@link
   * java.security.SecureRandom}. Pass a seeded generator only in tests or when asked.
   */
  public FishermanBuilder random(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /** The engine, started. */
  public Fisherman build() {
    throw new UnsupportedOperationException("FishermanBuilder.build");
  }
}
