package dev.fisherman.bench.load;

import dev.fisherman.bench.micro.Fixtures;
import dev.fisherman.core.FishermanMetrics;
import dev.fisherman.core.sampling.SamplingPlan;
import dev.fisherman.core.sampling.SamplingPlanner;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.SessionStores;
import dev.fisherman.core.store.SessionWriter;
import dev.fisherman.core.store.WritableSessionStore;
import dev.fisherman.genesis.QosParams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Retained heap per (session, servicer) record: a fresh JVM fills the session store with 100
 * sessions × 1,000 servicers, each servicer with one ok observation per planned probe (genesis
 * default 12), forces full collections, and divides the growth in used heap by the record count.
 * Servicer n has the same URL in every session (as servicers recur from session to session) and an
 * address of the session's own; a second child gives every session new URLs too.
 */
final class MemoryScenario {
  static final int SESSIONS = 100;
  static final int SERVICERS = 1_000;
  static final int PROBES = 12;

  private MemoryScenario() {}

  static void run(Context ctx, int run) throws Exception {
    List<String> jvm = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");
    if (run == 1) {
      ctx.commands.add(
          "java "
              + String.join(" ", jvm)
              + " -cp bench/target/fisherman-bench.jar"
              + " dev.fisherman.bench.BenchMain memory");
      ctx.setup.add(
          "Memory: a fresh JVM ("
              + String.join(" ", jvm)
              + ") opens "
              + SESSIONS
              + " sessions × "
              + SERVICERS
              + " servicers in the Caffeine session store (bech32-length addresses, https URLs),"
              + " records "
              + PROBES
              + " ok observations into every record, runs System.gc() until used heap settles"
              + " and divides the growth by the "
              + SESSIONS * SERVICERS
              + " records. Sessions are retained after they end, so every record counts."
              + " Servicer n has the same URL in every session and an address of the session's"
              + " own; a second fresh JVM gives every session new URLs as well.");
    }
    ctx.record("memory.bytes_per_record", child(ctx, jvm, run, "recurring-urls"));
    ctx.record("memory.bytes_per_record_new_urls", child(ctx, jvm, run, "new-urls"));
  }

  private static double child(Context ctx, List<String> jvm, int run, String urls)
      throws Exception {
    try (ChildProcess child =
        ChildProcess.start(
            ChildProcess.javaSelf(jvm, "memory", urls),
            ctx.workDir.resolve("memory-" + urls + "-" + run + ".log"))) {
      String[] w = child.readLine().split(" ");
      if (!w[0].equals("bytes_per_record")) {
        throw new IllegalStateException("memory child said " + String.join(" ", w));
      }
      return Double.parseDouble(w[1]);
    }
  }

  /**
   * The child JVM: prints {@code bytes_per_record B weight W}; {@code args[0]} is {@code
   * recurring-urls} (the default) or {@code new-urls}.
   */
  static void child(String[] args) throws Exception {
    boolean newUrls = args.length > 0 && args[0].equals("new-urls");
    if (args.length > 0 && !newUrls && !args[0].equals("recurring-urls")) {
      throw new IllegalArgumentException(
          "memory: " + args[0] + " (expected: recurring-urls or new-urls)");
    }
    QosParams qos = Fixtures.qos(PROBES);
    WritableSessionStore store =
        SessionStores.caffeine(
            qos,
            InstantSource.system(),
            10L * SESSIONS * (SERVICERS + 1),
            new SimpleMeterRegistry(),
            FishermanMetrics.STORE_CACHE);
    SplittableRandom random = new SplittableRandom(11);
    Instant start = Instant.now();
    // Warm-up: load and initialise every class the fill touches before the baseline.
    fill(store, Fixtures.session("warm-up", 10, start), qos, random);
    long before = settledUsedHeap();
    for (int s = 0; s < SESSIONS; s++) {
      fill(store, Fixtures.session("session-" + s, SERVICERS, start, newUrls), qos, random);
    }
    long after = settledUsedHeap();
    double perRecord = (after - before) / (double) (SESSIONS * SERVICERS);
    System.out.println("bytes_per_record " + perRecord + " " + store.weight());
  }

  private static void fill(
      WritableSessionStore store, SessionStarted session, QosParams qos, SplittableRandom random) {
    SamplingPlan plan =
        SamplingPlanner.plan(qos, session.startsAt(), session.endsAt(), new SplittableRandom(5));
    SessionWriter record = store.open(session, plan);
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

  /** Used heap after full collections, once two in a row agree within 64 KiB. */
  private static long settledUsedHeap() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long last = Long.MAX_VALUE;
    List<Long> seen = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(100);
      long used = memory.getHeapMemoryUsage().getUsed();
      seen.add(used);
      if (Math.abs(used - last) < 64 * 1024) {
        return used;
      }
      last = used;
    }
    return seen.get(seen.size() - 1);
  }
}
