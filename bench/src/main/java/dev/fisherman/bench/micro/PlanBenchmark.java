package dev.fisherman.bench.micro;

import dev.fisherman.core.sampling.SamplingPlan;
import dev.fisherman.core.sampling.SamplingPlanner;
import dev.fisherman.genesis.Distribution;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Plan generation for one session, from SecureRandom as in production. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlanBenchmark {
  @Param({"STRATIFIED", "POISSON"})
  Distribution distribution;

  @Param({"12"})
  int rounds;

  private final SecureRandom random = new SecureRandom();
  private Instant from;
  private Instant to;

  @Setup
  public void setUp() {
    from = Instant.parse("2026-01-01T00:00:02Z");
    to = from.plusSeconds(58);
  }

  @Benchmark
  public SamplingPlan plan() {
    return SamplingPlanner.plan(distribution, rounds, from, to, random);
  }
}
