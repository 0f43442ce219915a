package dev.fisherman.bench.micro;

import dev.fisherman.core.FishermanMetrics;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.sampling.SamplingPlanner;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.SessionStores;
import dev.fisherman.core.store.SessionWriter;
import dev.fisherman.genesis.QosParams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Recording observations into one session's record from four threads at once: spread over 1,000
 * servicers (as event loops do), or all on one servicer (the worst case for its lock).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(4)
public class RecordBenchmark {
  @Param({"1000", "1"})
  int servicers;

  private static final int PROBES = 12;
  private SessionWriter record;
  private Observation[] observations;

  @Setup(Level.Trial)
  public void observations() {
    SplittableRandom random = new SplittableRandom(7);
    observations = new Observation[1024];
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < observations.length; i++) {
      observations[i] = Fixtures.ok("s", "a", i % PROBES, t, random);
    }
  }

  /** A fresh record each iteration, so latency arrays do not grow without bound. */
  @Setup(Level.Iteration)
  public void record() {
    QosParams qos = Fixtures.qos(PROBES);
    Instant start = Instant.now();
    SessionStarted session = Fixtures.session("bench", servicers, start);
    record =
        SessionStores.caffeine(
                qos,
                InstantSource.system(),
                1_000_000,
                new SimpleMeterRegistry(),
                FishermanMetrics.STORE_CACHE)
            .open(
                session,
                SamplingPlanner.plan(
                    qos, session.startsAt(), session.endsAt(), new SplittableRandom(1)));
  }

  @Benchmark
  public void recordObservation() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    record.record(r.nextInt(servicers), observations[r.nextInt(observations.length)]);
  }
}
