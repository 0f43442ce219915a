package dev.fisherman.bench.load;

import dev.fisherman.bench.servicer.Transport;
import dev.fisherman.core.Accounting;
import dev.fisherman.core.Fisherman;
import dev.fisherman.core.FishermanMetrics;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeLabel;
import dev.fisherman.core.relay.HotLoops;
import dev.fisherman.core.relay.RelayClient;
import dev.fisherman.core.relay.RelayClientConfig;
import dev.fisherman.core.relay.RelayRequest;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.ServicerDetail;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.genesis.ConnectionMode;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.Expect;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Params;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.RelayTemplate;
import dev.fisherman.genesis.Service;
import dev.fisherman.genesis.SessionParams;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/** Scenarios that run the engine (or its relay client) in the harness's JVM. */
final class EngineScenarios {
  /** Event loop threads the engine gets, as the daemon gives it one per core. */
  static final int LOOPS = Math.max(1, Runtime.getRuntime().availableProcessors());

  private final Context ctx;
  private final ServicerProcess servicer;

  EngineScenarios(Context ctx, ServicerProcess servicer) {
    this.ctx = ctx;
    this.servicer = servicer;
  }

  static Service service() {
    return new Service(
        "eth",
        new RelayTemplate("POST", "/", Map.of(), Optional.of(Workload.TEMPLATE_BODY)),
        Expect.DEFAULTS);
  }

  static Genesis genesis(int probesPerSession, Duration startDelay) {
    return new Genesis(
        "bench",
        new Params(
            new SessionParams(4, Duration.ofSeconds(15)),
            new QosParams(
                probesPerSession,
                Distribution.STRATIFIED,
                startDelay,
                Duration.ofSeconds(2),
                Duration.ofMillis(500),
                0.9,
                5,
                ConnectionMode.REUSE,
                1_048_576,
                4)),
        List.of(service()),
        List.of());
  }

  /**
   * A session whose servicers all live in the one servicer process, each under its own URL path (as
   * distinct servicers have distinct URLs, so each gets its own kept-alive connection).
   */
  SessionStarted session(String id, int servicers, Instant start, Duration length) {
    List<SessionServicer> list = new ArrayList<>(servicers);
    for (int i = 0; i < servicers; i++) {
      list.add(new SessionServicer("servicer-" + i, URI.create(servicer.url() + "s/" + i)));
    }
    return new SessionStarted(
        id, "eth", OptionalLong.empty(), OptionalLong.empty(), start, start.plus(length), list);
  }

  /**
   * Highest sustained probes/s: the relay client in a closed loop, {@link #LANES} servicer URLs ×
   * {@link #PER_LANE} probes in flight each, on keep-alive connections, for {@code length} after a
   * one-second warm-up. Only {@code ok} probes count.
   */
  void throughput(int run, Duration length) throws Exception {
    servicer.delay(Duration.ZERO);
    EventLoopGroup group = Transport.newGroup(LOOPS);
    RelayClientConfig config = RelayClientConfig.from(genesis(12, Duration.ZERO).qos());
    AtomicLong ok = new AtomicLong();
    AtomicLong bad = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    RelayRequest request = RelayRequest.of(service(), 7);
    if (run == 1) {
      ctx.setup.add(
          "Throughput: `RelayClient` in a closed loop, "
              + LANES
              + " servicer URLs × "
              + PER_LANE
              + " probes in flight on kept-alive connections, "
              + LOOPS
              + " event loop threads, "
              + length.toSeconds()
              + " s after a 1 s warm-up; wrk: 2 threads, 32 connections, same servicer, right after.");
    }
    try (RelayClient client = RelayClient.create(group, config)) {
      for (int lane = 0; lane < LANES; lane++) {
        URI url = URI.create(servicer.url() + "lane/" + lane);
        for (int k = 0; k < PER_LANE; k++) {
          loop(client, url, request, ok, bad, stop);
        }
      }
      Thread.sleep(1000);
      double cpu0 = Peers.seconds(Cpu.self());
      double scpu0 = Peers.seconds(servicer.cpu());
      long ok0 = ok.get();
      long t0 = System.nanoTime();
      Thread.sleep(length.toMillis());
      long ok1 = ok.get();
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = Peers.seconds(Cpu.self()) - cpu0;
      double scpu = Peers.seconds(servicer.cpu()) - scpu0;
      stop.set(true);
      ctx.record("fisherman.rps", (ok1 - ok0) / wall);
      ctx.record("fisherman.client_cores", cpu / wall);
      ctx.record("fisherman.servicer_cores", scpu / wall);
      if (bad.get() > 0) {
        ctx.log("  %d probes were not ok", bad.get());
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (client.inFlight() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } finally {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
    }
  }

  static final int LANES = LOOPS;
  static final int PER_LANE = 16;

  private static void loop(
      RelayClient client,
      URI url,
      RelayRequest request,
      AtomicLong ok,
      AtomicLong bad,
      AtomicBoolean stop) {
    if (stop.get()) {
      return;
    }
    client
        .probe(url, request, ProbeLabel.now("bench", FishermanClock.system()))
        .whenComplete(
            (o, e) -> {
              if (o != null && o.outcome() == Outcome.OK) {
                ok.incrementAndGet();
              } else {
                bad.incrementAndGet();
              }
              loop(client, url, request, ok, bad, stop);
            });
  }

  /** Servicers of the 1,000 probes/s session; 50 rounds/s × 20 servicers. */
  static final int OVERHEAD_SERVICERS = 20;

  /**
   * The engine probes a 20-servicer session at 1,000 probes/s against a servicer that answers after
   * {@link Workload#DELAY}: measured − injected latency and lateness from the engine's own meters,
   * and the engine's CPU.
   */
  void overheadAndLateness(int run) throws Exception {
    Duration length = ctx.options.quick() ? Duration.ofSeconds(4) : Duration.ofSeconds(11);
    Duration startDelay = Duration.ofSeconds(1);
    int rounds = Workload.PROBE_RATE / OVERHEAD_SERVICERS;
    int probesPerSession = (int) (rounds * (length.minus(startDelay).toMillis() / 1000.0));
    if (run == 1) {
      ctx.setup.add(
          "Overhead and lateness: the engine in the harness JVM ("
              + LOOPS
              + " event loops), one session of "
              + OVERHEAD_SERVICERS
              + " servicers × "
              + rounds
              + " rounds/s = "
              + Workload.PROBE_RATE
              + " probes/s for "
              + length.minus(startDelay).toSeconds()
              + " s (stratified plan, probes_per_session "
              + probesPerSession
              + "), servicer delay "
              + Workload.DELAY.toMillis()
              + " ms; percentiles from the engine's `"
              + FishermanMetrics.PROBE_LATENCY
              + "` and `"
              + FishermanMetrics.ROUND_LATENESS
              + "` timers (3 significant digits). blackbox_exporter then probes the same servicer"
              + " at the same rate through `/probe` (32 keep-alive connections to the exporter).");
    }
    servicer.delay(Workload.DELAY);
    servicer.takeSlack();
    servicer.takeHeld();
    MeterRegistry registry = Meters.registry();
    EventLoopGroup group =
        HotLoops.create(LOOPS, new DefaultThreadFactory("fisherman-probe", true));
    String id = "bench-overhead-" + run;
    try (Fisherman engine =
        Fisherman.builder(genesis(probesPerSession, startDelay))
            .eventLoopGroup(group)
            .meterRegistry(registry)
            .build()) {
      double cpu0 = Peers.seconds(Cpu.self());
      engine.submit(session(id, OVERHEAD_SERVICERS, Instant.now(), length));
      awaitSettled(engine, length.plusSeconds(5));
      double cpu = Peers.seconds(Cpu.self()) - cpu0;
      Accounting a = engine.accounting();
      ctx.record("engine.cpu_per_10k_s", cpu / Math.max(1, a.observationsRecorded()) * 10_000);
      Meters.Reading latency = Meters.one(registry, FishermanMetrics.PROBE_LATENCY);
      Meters.Reading lateness = Meters.one(registry, FishermanMetrics.ROUND_LATENESS);
      Meters.Reading skew = Meters.one(registry, FishermanMetrics.ROUND_FANOUT_SKEW);
      long notOk = a.observationsRecorded() - latency.count();
      if (notOk > 0) {
        ctx.log("  %d of %d probes were not ok", notOk, a.observationsRecorded());
      }
      long delay = Workload.DELAY.toNanos();
      ctx.record("engine.overhead_injected_p50_us", (latency.p50() - delay) / 1e3);
      ctx.record("engine.overhead_injected_p99_us", (latency.p99() - delay) / 1e3);
      ctx.record("engine.lateness_p50_us", lateness.p50() / 1e3);
      ctx.record("engine.lateness_p99_us", lateness.p99() / 1e3);
      ctx.record("engine.lateness_max_us", lateness.max() / 1e3);
      ctx.record("engine.skew20_p99_us", skew.p99() / 1e3);
      ServicerProcess.Timing s = servicer.takeSlack();
      ctx.record("servicer.engine_slack_p50_us", s.p50() / 1e3);
      ctx.record("servicer.engine_slack_p99_us", s.p99() / 1e3);
      // Measured less what the servicer actually held, percentile by percentile: neither the
      // engine's timer nor blackbox_exporter's /probe answer says which request a latency
      // belongs to, so the two distributions are subtracted at the same percentile.
      ServicerProcess.Timing h = servicer.takeHeld();
      ctx.record("servicer.engine_held_p50_us", h.p50() / 1e3);
      ctx.record("servicer.engine_held_p99_us", h.p99() / 1e3);
      ctx.record("engine.overhead_p50_us", (latency.p50() - h.p50()) / 1e3);
      ctx.record("engine.overhead_p99_us", (latency.p99() - h.p99()) / 1e3);
    } finally {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
    }
  }

  /** Servicers of the fan-out session. */
  static final int FANOUT_SERVICERS = 1_000;

  /**
   * One session of 1,000 servicers and five rounds: per round, each probe's send offset from the
   * round's first send (from the observations), and the engine's own skew timer.
   */
  void fanOut(int run) throws Exception {
    int rounds = 5;
    Duration startDelay = Duration.ofMillis(500);
    Duration length = startDelay.plusSeconds(rounds);
    if (run == 1) {
      ctx.setup.add(
          "Fan-out: one session of "
              + FANOUT_SERVICERS
              + " servicers (distinct URLs on the servicer process, so 1,000 kept-alive"
              + " connections), "
              + rounds
              + " rounds one second apart, servicer delay 0; the engine opens the connections when"
              + " it admits the session, 500 ms before the first round can fire. p99 is over every"
              + " probe's send offset from its round's first send.");
    }
    servicer.delay(Duration.ZERO);
    MeterRegistry registry = Meters.registry();
    EventLoopGroup group =
        HotLoops.create(LOOPS, new DefaultThreadFactory("fisherman-probe", true));
    String id = "bench-fanout-" + run;
    try (Fisherman engine =
        Fisherman.builder(genesis(rounds, startDelay))
            .eventLoopGroup(group)
            .meterRegistry(registry)
            .build()) {
      engine.submit(session(id, FANOUT_SERVICERS, Instant.now(), length));
      awaitSettled(engine, length.plusSeconds(10));
      Map<Integer, List<Long>> byRound = new HashMap<>();
      for (int i = 0; i < FANOUT_SERVICERS; i++) {
        ServicerDetail d = engine.store().servicer(id, "servicer-" + i).orElseThrow();
        for (Observation o : d.lastObservations()) {
          if (o.outcome() != Outcome.CANCELLED) {
            byRound.computeIfAbsent(o.round(), k -> new ArrayList<>()).add(o.latenessNanos());
          }
        }
      }
      Histogram offsets = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
      Histogram warmOffsets = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
      for (Map.Entry<Integer, List<Long>> e : byRound.entrySet()) {
        List<Long> l = e.getValue();
        long first = l.stream().mapToLong(Long::longValue).min().orElse(0);
        for (long v : l) {
          offsets.recordValue(v - first);
          if (e.getKey() > 0) {
            warmOffsets.recordValue(v - first);
          }
        }
      }
      Meters.Reading skew = Meters.one(registry, FishermanMetrics.ROUND_FANOUT_SKEW);
      ctx.log("  %d rounds, %d probes", byRound.size(), offsets.getTotalCount());
      ctx.record("engine.fanout_p99_ms", offsets.getValueAtPercentile(99) / 1e6);
      ctx.record("engine.fanout_warm_p99_ms", warmOffsets.getValueAtPercentile(99) / 1e6);
      ctx.record("engine.fanout_max_ms", skew.max() / 1e6);
    } finally {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
    }
  }

  /** Waits until every planned probe is recorded or cancelled and nothing is in flight. */
  private static void awaitSettled(Fisherman engine, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    Thread.sleep(200);
    while (System.nanoTime() < deadline) {
      Accounting a = engine.accounting();
      if (a.probesPlanned() > 0 && a.balanced() && a.inFlight() == 0) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        "the engine did not settle within " + limit + ": " + engine.accounting());
  }
}
