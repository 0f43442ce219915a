package dev.fisherman.bench.load;

import dev.fisherman.bench.micro.Fixtures;
import dev.fisherman.bench.report.Bar;
import dev.fisherman.bench.report.BenchmarksDoc;
import dev.fisherman.bench.report.Figure;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.core.reputation.Pool;
import dev.fisherman.core.reputation.Reputation;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.ReputationParams;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Selection (FindNode) and the reputation behind it: {@code GET /v1/services/eth/select} of the
 * packaged daemon at 5,000/s from an open-loop generator while it probes 1,000 servicers that are
 * all in reputation state ok, and, in a fresh JVM, the heap the reputation keeps per servicer.
 */
final class SelectionScenario {
  static final int SERVICERS = 1_000;

  /**
   * The 1,000 servicers come in sessions of 20, as a network's sessions hold 15 to 25 suppliers:
   * their rounds fall at their own instants, 20 probes each, not in one 1,000-probe burst.
   */
  static final int SESSIONS = 50;

  static final int RATE = 5_000;

  /**
   * Seconds of selections before the measured window: the JIT is still compiling the daemon's round
   * and record paths (started ~12 s earlier) and the admin path for the first ~15 s.
   */
  static final int WARM_SECONDS = 20;

  static final Duration START_DELAY = Duration.ofSeconds(1);

  /** Servicers the memory child remembers, and judged probes each. */
  static final int MEMORY_SERVICERS = 100_000;

  static final int MEMORY_PROBES = 12;

  private static final Pattern OK_SERVICERS =
      Pattern.compile("fisherman_reputation_servicers\\{[^}]*state=\"ok\"[^}]*} ([0-9.eE+]+)");

  private SelectionScenario() {}

  static void run(Context ctx, int run) throws Exception {
    selectUnderProbing(ctx, run);
    memory(ctx, run);
  }

  /**
   * The daemon probes 1,000 servicers in 50 sessions of 20, each at one round every two seconds;
   * once every one is in state ok, selections arrive at 5,000/s: first to warm the path, then
   * measured.
   */
  private static void selectUnderProbing(Context ctx, int run) throws Exception {
    // A gateway calls selection for hours: the figure is the warm path's. The first seconds at
    // 5,000/s are the JIT compiling the admin path (C2 still takes a core for several seconds).
    Duration warm = ctx.options.quick() ? Duration.ofSeconds(2) : Duration.ofSeconds(WARM_SECONDS);
    Duration measured = ctx.options.quick() ? Duration.ofSeconds(3) : Duration.ofSeconds(10);
    Duration session = Duration.ofSeconds(180);
    // One round every two seconds: 500 probes/s, and min_samples (5) judged rounds after ~11 s.
    int probesPerSession = (int) session.minus(START_DELAY).toSeconds() / 2;
    Path genesis = writeGenesis(ctx.workDir, probesPerSession);
    try (ServicerProcess servicer = ServicerProcess.startInBackground(ctx.workDir, 1);
        DaemonProcess daemon =
            DaemonProcess.start(
                ctx.options.daemonJar(),
                genesis,
                ctx.workDir.resolve("daemon-select-" + run + ".log"),
                ctx.options.daemonOpts())) {
      servicer.delay(Duration.ZERO);
      daemon.awaitReady(Duration.ofSeconds(30));
      if (run == 1) {
        ctx.setup.add(
            "Selection: the packaged daemon (webhook source) probes "
                + SERVICERS
                + " servicers in "
                + SESSIONS
                + " sessions of "
                + SERVICERS / SESSIONS
                + " (a network's sessions hold 15 to 25 suppliers), each at one round every two"
                + " seconds at its own instants ("
                + SERVICERS / 2
                + " probes/s, servicer delay 0; relay_timeout 5s and min_availability 0.5 so that"
                + " a loaded machine does not put servicers in timeout; the servicer process, a"
                + " stand-in for machines elsewhere, runs under nice -n 10). Once every servicer is in"
                + " reputation state ok (min_samples judged probes), GET /v1/services/eth/select (n = 1) arrives at "
                + RATE
                + "/s from an open-loop generator on 8 keep-alive connections, latency counted"
                + " from each request's intended send: "
                + warm.toSeconds()
                + " s to warm the path, then "
                + measured.toSeconds()
                + " s measured. Reputation memory: a fresh JVM (-Xms1g -Xmx1g -XX:+UseG1GC)"
                + " feeds the engine's Reputation "
                + MEMORY_SERVICERS
                + " distinct servicers with "
                + MEMORY_PROBES
                + " judged ok probes each, runs System.gc() until used heap settles and divides"
                + " the growth by the servicers remembered.");
        ctx.commands.add(
            DaemonProcess.commandForDoc(ctx.options.daemonJar())
                + "  # probes_per_session="
                + probesPerSession);
        ctx.commands.add(
            "GET /v1/services/eth/select  # " + RATE + "/s, open loop, 8 keep-alive connections");
        ctx.commands.add(
            "java -Xms1g -Xmx1g -XX:+UseG1GC -cp bench/target/fisherman-bench.jar"
                + " dev.fisherman.bench.BenchMain reputation-memory");
      }
      int perSession = SERVICERS / SESSIONS;
      for (int k = 0; k < SESSIONS; k++) {
        HttpResponse<String> posted =
            Http.post(
                daemon.uri("/v1/sessions"),
                DaemonProcess.sessionJson(
                    "bench-select-" + run + "-" + k,
                    k * perSession,
                    perSession,
                    servicer.url(),
                    session),
                null);
        if (posted.statusCode() / 100 != 2) {
          throw new IllegalStateException(
              "POST /v1/sessions: " + posted.statusCode() + " " + posted.body());
        }
      }
      double ok = awaitAllOk(daemon, Duration.ofSeconds(100));
      ctx.record("select.ok_servicers", ok);
      if (ok == 0) {
        ctx.log("  no servicer in state ok; selection not measured in this run");
        ctx.record("select.p99_ms", Double.NaN);
        return;
      }
      if (ok < SERVICERS) {
        ctx.log("  only %.0f of %d servicers in state ok; selecting among those", ok, SERVICERS);
      }

      // One run on the same connections: the first seconds warm the path and are not counted.
      OpenLoop.Result r;
      try (Hiccups hiccups = Hiccups.from(System.nanoTime() + warm.toNanos())) {
        r = selections(daemon).run(RATE, warm, measured);
        hiccups.close();
        ctx.record("select.hiccup_p99_ms", hiccups.late().getValueAtPercentile(99) / 1e6);
        ctx.record("select.hiccup_max_ms", hiccups.late().getMaxValue() / 1e6);
      }
      if (r.failed() > 0 || r.unmatched() > 0 || r.answered() < r.due()) {
        ctx.log(
            "  selections: %d due, %d answered, %d failed, %d without a servicer",
            r.due(), r.answered(), r.failed(), r.unmatched());
      }
      ctx.record("select.p50_ms", r.latency().getValueAtPercentile(50) / 1e6);
      ctx.record("select.p99_ms", r.latency().getValueAtPercentile(99) / 1e6);
      ctx.record("select.max_ms", r.latency().getMaxValue() / 1e6);
      ctx.record("select.answered_share", r.answered() / (double) Math.max(1, r.due()));
      ctx.record("select.failed", r.failed() + r.unmatched());
    }
  }

  /** The scenario's genesis: the bench's service, a lenient relay timeout and availability bar. */
  private static Path writeGenesis(Path dir, int probesPerSession) throws IOException {
    return DaemonProcess.writeGenesis(
        dir, "genesis-select.json", probesPerSession, START_DELAY, "5s", "2s", 0.5);
  }

  /**
   * Waits until the daemon counts every servicer in reputation state ok, at most {@code limit};
   * returns how many are.
   */
  private static double awaitAllOk(DaemonProcess daemon, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    double ok = 0;
    while (System.nanoTime() < deadline) {
      Matcher m = OK_SERVICERS.matcher(Http.get(daemon.uri("/metrics")).body());
      ok = m.find() ? Double.parseDouble(m.group(1)) : 0;
      if (ok >= SERVICERS) {
        return ok;
      }
      Thread.sleep(200);
    }
    return ok;
  }

  /** Open-loop selections; counts answers that name no servicer as unmatched. */
  private static OpenLoop selections(DaemonProcess daemon) {
    int port = daemon.port();
    return OpenLoop.expecting(
        new InetSocketAddress("127.0.0.1", port),
        8,
        () -> {
          DefaultFullHttpRequest r =
              new DefaultFullHttpRequest(
                  HttpVersion.HTTP_1_1, HttpMethod.GET, "/v1/services/eth/select");
          r.headers().set(HttpHeaderNames.HOST, "127.0.0.1:" + port);
          return r;
        },
        "\"address\"");
  }

  private static void memory(Context ctx, int run) throws Exception {
    List<String> jvm = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");
    try (ChildProcess child =
        ChildProcess.start(
            ChildProcess.javaSelf(jvm, "reputation-memory"),
            ctx.workDir.resolve("reputation-memory-" + run + ".log"))) {
      String[] w = child.readLine().split(" ");
      if (!w[0].equals("bytes_per_servicer")) {
        throw new IllegalStateException("reputation memory child said " + String.join(" ", w));
      }
      ctx.record("reputation.bytes_per_servicer", Double.parseDouble(w[1]));
      ctx.record("reputation.remembered", Double.parseDouble(w[2]));
      ctx.record("select.pool_p50_us", Double.parseDouble(w[3]));
      ctx.record("select.draw_p50_us", Double.parseDouble(w[4]));
      ctx.record("select.draw_p99_us", Double.parseDouble(w[5]));
    }
  }

  /** The child JVM: prints {@code bytes_per_servicer B remembered N}. */
  static void memoryChild(String[] args) throws Exception {
    QosParams qos = Fixtures.qos(MEMORY_PROBES);
    Reputation reputation =
        Reputation.create(
            ReputationParams.DEFAULTS,
            qos,
            FishermanClock.system(),
            Reputation.DEFAULT_MAX_SERVICERS,
            cause -> {});
    SplittableRandom random = new SplittableRandom(13);
    Instant start = Instant.now();
    // Warm-up: load and initialise every class the fill touches before the baseline. Its
    // servicers stay remembered, so the growth below counts only the measured ones.
    feed(reputation, Fixtures.session("warm-up", 10, start), random);
    long before = settledUsedHeap();
    int sessions = MEMORY_SERVICERS / SERVICERS;
    for (int s = 0; s < sessions; s++) {
      feed(reputation, Fixtures.session("memory-" + s, SERVICERS, start), random);
    }
    long after = settledUsedHeap();
    long remembered = reputation.size() - 10;

    // The engine's own share of a selection, without HTTP: making the pool of 1,000 candidates
    // (once per recorded round) and one draw from it (every selection), each call timed.
    List<String> candidates =
        Fixtures.session("memory-0", SERVICERS, start).servicers().stream()
            .map(SessionServicer::address)
            .toList();
    long[] pool = new long[2_000];
    long[] draw = new long[200_000];
    Pool p = null;
    for (int i = 0; i < pool.length; i++) {
      long t0 = System.nanoTime();
      p = reputation.pool(candidates);
      pool[i] = System.nanoTime() - t0;
    }
    if (p.size() != SERVICERS) {
      throw new IllegalStateException("pool of " + p.size() + " (expected: " + SERVICERS + ")");
    }
    java.util.random.RandomGenerator r = new SplittableRandom(17);
    for (int i = 0; i < draw.length; i++) {
      long t0 = System.nanoTime();
      reputation.draw(p, 1, r);
      draw[i] = System.nanoTime() - t0;
    }
    // The second half of each, after the JIT compiled the path.
    System.out.println(
        "bytes_per_servicer "
            + (after - before) / (double) remembered
            + " "
            + remembered
            + " "
            + percentile(pool, 0.5) / 1e3
            + " "
            + percentile(draw, 0.5) / 1e3
            + " "
            + percentile(draw, 0.99) / 1e3);
  }

  private static double percentile(long[] all, double q) {
    long[] half = java.util.Arrays.copyOfRange(all, all.length / 2, all.length);
    java.util.Arrays.sort(half);
    return half[(int) Math.min(half.length - 1, Math.round(q * (half.length - 1)))];
  }

  private static void feed(Reputation reputation, SessionStarted session, SplittableRandom random) {
    List<SessionServicer> list = session.servicers();
    for (int round = 0; round < MEMORY_PROBES; round++) {
      Instant at = session.startsAt().plusSeconds(round);
      List<Observation> observations = new ArrayList<>(list.size());
      for (SessionServicer s : list) {
        observations.add(Fixtures.ok(session.sessionId(), s.address(), round, at, random));
      }
      reputation.record(
          new RoundResult(session.sessionId(), session.service(), round, at, observations));
    }
  }

  /** Used heap after full collections, once two in a row agree within 64 KiB. */
  private static long settledUsedHeap() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long last = Long.MAX_VALUE;
    long used = 0;
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(100);
      used = memory.getHeapMemoryUsage().getUsed();
      if (Math.abs(used - last) < 64 * 1024) {
        return used;
      }
      last = used;
    }
    return used;
  }

  /** The scenario's figures for the doc. */
  static void figures(Context ctx, BenchmarksDoc doc) {
    Runs r = ctx.runs;
    doc.bar(
        new Figure(
            "selection GET /v1/services/{s}/select p99 at 5,000/s, 1,000 servicers, while probing",
            "ms",
            Optional.of(Bar.atMost(1, "<= 1 ms")),
            r.of("select.p99_ms"),
            f(
                "Two admin event loops (one per core) parse the requests of the 8 connections,"
                    + " ask the engine (a draw from the"
                    + " pool of ok servicers, made again off the request path after rounds are"
                    + " recorded) and write a small JSON answer, while the daemon probes the"
                    + " 1,000 servicers in 50 sessions of 20 (500 probes/s) on the same two cores"
                    + " (p50 %.2f ms, worst %.1f ms,"
                    + " %.1f%% of the due requests answered, %.0f of the 1,000 servicers in state"
                    + " ok when measured).",
                r.median("select.p50_ms"),
                r.median("select.max_ms"),
                100 * r.median("select.answered_share"),
                r.median("select.ok_servicers")),
            f(
                "the engine's draw takes %.1f µs at p99 and the median answer %.2f ms, so the"
                    + " tail is waiting, not work: G1's young pauses (3-9 ms about every 3.5 s;"
                    + " the admin path allocates about 1.8 KB per selection) stop both loops, and"
                    + " stalls of 2-6 ms of one admin loop or of the generator's pacing thread,"
                    + " outside any pause of either JVM and while the cores are mostly idle, make"
                    + " most of the rest (traced runs), so one build ranges from 0.8 to 1.9 ms run"
                    + " to run (a thread of the generator that only sleeps 1 ms at a time woke"
                    + " %.2f ms late at p99 and %.1f ms at worst in the same windows; other"
                    + " processes kept %.2f cores busy before the runs). ZGC (FISHERMAN_JAVA_OPTS=-XX:+UseZGC) removes the pauses at the"
                    + " cost of start-up and resident memory (docs/operations.md, JVM options); a"
                    + " core the admin loops do not share, or selection inside the gateway's"
                    + " process through the engine API, is what the bar needs on a machine this"
                    + " small.",
                r.median("select.draw_p99_us"),
                r.median("select.p50_ms"),
                r.median("select.hiccup_p99_ms"),
                r.median("select.hiccup_max_ms"),
                r.median("machine.background_cores"))));
    if (!r.of("select.draw_p99_us").isEmpty()) {
      doc.other(
          new Figure(
              "selection in the engine (no HTTP): one draw from the pool of 1,000 ok servicers,"
                  + " p99",
              "µs",
              Optional.empty(),
              r.of("select.draw_p99_us"),
              f(
                  "In-process, closed loop, each call timed (p50 %.1f µs); the pool itself (the"
                      + " pass over the 1,000 candidates) is made once per recorded round or"
                      + " session change, p50 %.0f µs.",
                  r.median("select.draw_p50_us"), r.median("select.pool_p50_us")),
              ""));
    }
    if (r.of("reputation.bytes_per_servicer").isEmpty()) {
      return;
    }
    doc.other(
        new Figure(
            "reputation heap per remembered servicer, 100,000 servicers",
            "bytes",
            Optional.empty(),
            r.of("reputation.bytes_per_servicer"),
            "The servicer's record (decayed sums of availability, latency and the three checks,"
                + " state, timeout and probation fields), its address string (a bech32-length"
                + " address, ~80 bytes), the set of services it was seen in, and the Caffeine"
                + " node with its expiry and size bookkeeping. The cache holds 100,000 servicers"
                + " at most by default.",
            ""));
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
