package dev.fisherman.bench.micro;

import dev.fisherman.core.FishermanMetrics;
import dev.fisherman.core.sampling.SamplingPlan;
import dev.fisherman.core.sampling.SamplingPlanner;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.core.store.SessionStores;
import dev.fisherman.core.store.SessionWriter;
import dev.fisherman.core.store.WritableSessionStore;
import dev.fisherman.genesis.QosParams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The aggregate snapshot of a whole session (what {@code GET /v1/sessions/{id}} reads). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SnapshotBenchmark {
  @Param({"1000"})
  int servicers;

  private WritableSessionStore store;

  @Setup
  public void setUp() {
    QosParams qos = Fixtures.qos(12);
    SessionStarted session = Fixtures.session("bench", servicers, Instant.now());
    store =
        SessionStores.caffeine(
            qos,
            InstantSource.system(),
            1_000_000,
            new SimpleMeterRegistry(),
            FishermanMetrics.STORE_CACHE);
    SamplingPlan plan =
        SamplingPlanner.plan(qos, session.startsAt(), session.endsAt(), new SplittableRandom(1));
    fill(store.open(session, plan), session, plan, new SplittableRandom(3));
  }

  /** Records one ok observation per planned round for every servicer. */
  static void fill(
      SessionWriter record, SessionStarted session, SamplingPlan plan, SplittableRandom random) {
    List<SessionServicer> list = session.servicers();
    for (int i = 0; i < list.size(); i++) {
      for (int round = 0; round < plan.rounds(); round++) {
        record.record(
            i,
            Fixtures.ok(
                session.sessionId(),
                list.get(i).address(),
                round,
                plan.instants().get(round),
                random));
      }
    }
  }

  @Benchmark
  public SessionReport snapshot() {
    return store.session("bench").orElseThrow();
  }
}
