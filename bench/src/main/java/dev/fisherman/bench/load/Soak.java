package dev.fisherman.bench.load;

import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.Failure;
import dev.fisherman.sim.SimulatedServicer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak: the packaged daemon (webhook source) probing 1,000 simulated servicers for a bounded
 * time, a new session every minute, faults switching on in every other session (servicers that
 * hang, refuse or answer slowly). Every few seconds it samples the daemon's heap, live data after
 * GC, direct memory, threads and open file descriptors; at the end it judges the second half flat,
 * stops the daemon with SIGTERM and checks that planned = recorded + cancelled. Writes its section
 * of docs/reliability.md and the graph docs/img/soak.svg.
 *
 * <p>{@code java -jar fisherman-bench.jar soak --daemon-jar J --minutes M --doc D --img I}
 */
public final class Soak {
  static final int SERVICERS = 1_000;
  static final int PROBES_PER_SESSION = 12;
  static final Duration SESSION = Duration.ofMinutes(1);
  static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
  static final String HEAP_LIMIT = "-Xmx256m";

  /** Bounds on the least-squares slope over the second half, per minute. */
  static final double HEAP_FLOOR_MIB_PER_MIN = 1.0;

  static final double DIRECT_MIB_PER_MIN = 1.0;
  static final double THREADS_PER_MIN = 0.5;
  static final double FDS_PER_MIN = 10.0;

  record Sample(
      double minute,
      double heapMiB,
      double heapFloorMiB,
      double directMiB,
      double threads,
      double fds,
      double healthzMs) {}

  private Soak() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(arg(args, "--daemon-jar", "fisherman-daemon/target/fisherman.jar"));
    double minutes = Double.parseDouble(arg(args, "--minutes", "30"));
    Path doc = Path.of(arg(args, "--doc", "docs/reliability.md"));
    Path img = Path.of(arg(args, "--img", "docs/img/soak.svg"));
    System.exit(run(jar, minutes, doc, img) ? 0 : 1);
  }

  private static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  static boolean run(Path jar, double minutes, Path doc, Path img) throws Exception {
    Path work = Files.createTempDirectory("fisherman-soak");
    Path genesis =
        DaemonProcess.writeGenesis(
            work, "soak-genesis.json", PROBES_PER_SESSION, Duration.ofMillis(500));
    Path log = work.resolve("daemon.log");
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    InetSocketAddress any = new InetSocketAddress("0.0.0.0", 0);
    List<Sample> samples = new ArrayList<>();
    int sessions = 0;
    String shutdown;
    long pid;
    Instant began = Instant.now();
    try (SimulatedServicer healthy =
            SimulatedServicer.start(
                group, any, Behaviour.healthy().withJitter(Duration.ofMillis(20)));
        SimulatedServicer slow =
            SimulatedServicer.start(group, any, Behaviour.slow(Duration.ofMillis(800)));
        SimulatedServicer hang =
            SimulatedServicer.start(group, any, Behaviour.always(Failure.HANG))) {
      int refused = Ports.free();
      int[] ports = {
        healthy.address().getPort(), slow.address().getPort(), hang.address().getPort(), refused
      };
      DaemonProcess daemon = DaemonProcess.start(jar, genesis, log, List.of(HEAP_LIMIT));
      pid = daemon.pid();
      try {
        daemon.awaitReady(Duration.ofSeconds(60));
        long t0 = System.nanoTime();
        long end = t0 + (long) (minutes * 60e9);
        long nextSession = t0;
        long nextSample = t0;
        while (System.nanoTime() < end) {
          long now = System.nanoTime();
          if (now >= nextSession) {
            HttpResponse<String> r =
                Http.post(daemon.uri("/v1/sessions"), session(sessions, ports), null);
            if (r.statusCode() != 202) {
              throw new IllegalStateException(
                  "session " + sessions + ": " + r.statusCode() + " " + r.body());
            }
            sessions++;
            nextSession += SESSION.toNanos();
          }
          if (now >= nextSample) {
            samples.add(floored(samples, sample(daemon, (now - t0) / 60e9)));
            Sample s = samples.get(samples.size() - 1);
            System.err.printf(
                Locale.ROOT,
                "%6.2f min  heap %6.1f MiB  floor %6.1f MiB  direct %5.1f MiB  threads %3.0f  fds %5.0f  healthz %5.1f ms%n",
                s.minute(),
                s.heapMiB(),
                s.heapFloorMiB(),
                s.directMiB(),
                s.threads(),
                s.fds(),
                s.healthzMs());
            nextSample += SAMPLE_EVERY.toNanos();
          }
          Thread.sleep(
              Math.max(1, Math.min(nextSession, nextSample) - System.nanoTime()) / 1_000_000 + 1);
        }
      } finally {
        daemon.close();
      }
      shutdown = shutdownLine(log);
    } finally {
      group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
    SoakResult result = SoakResult.judge(samples, shutdown, sessions, minutes, began);
    Files.createDirectories(img.toAbsolutePath().getParent());
    Files.writeString(img, SoakGraph.svg(samples), StandardCharsets.UTF_8);
    SoakDoc.write(doc, img, result);
    System.err.println(result.summary());
    System.err.println("daemon log: " + log + " (pid " + pid + ")");
    return result.passed();
  }

  /**
   * Session {@code n}: 1,000 servicers, each on its own loopback address. In odd sessions a
   * rotating tenth hangs, a tenth is refused and a tenth answers in 800 ms; even sessions are
   * healthy throughout.
   */
  static String session(int n, int[] ports) {
    StringBuilder s = new StringBuilder();
    s.append("{\"session_id\":\"soak-")
        .append(n)
        .append("\",\"service\":\"eth\",\"duration\":\"")
        .append(SESSION.toSeconds())
        .append("s\",\"servicers\":[");
    for (int i = 0; i < SERVICERS; i++) {
      int kind = 0;
      if (n % 2 == 1) {
        int r = (i + n) % 10;
        kind = r == 0 ? 1 : r == 1 ? 2 : r == 2 ? 3 : 0;
      }
      s.append(i == 0 ? "" : ",")
          .append("{\"address\":\"servicer-")
          .append(i)
          .append("\",\"url\":\"http://127.0.")
          .append(1 + i / 250)
          .append('.')
          .append(1 + i % 250)
          .append(':')
          .append(ports[kind])
          .append("\"}");
    }
    return s.append("]}").toString();
  }

  private static Sample sample(DaemonProcess daemon, double minute)
      throws IOException, InterruptedException {
    long t = System.nanoTime();
    int health = Http.get(daemon.uri("/healthz")).statusCode();
    double healthzMs = (System.nanoTime() - t) / 1e6;
    if (health != 200) {
      throw new IllegalStateException("/healthz answered " + health);
    }
    String m = Http.get(daemon.uri("/metrics")).body();
    double mib = 1024.0 * 1024.0;
    return new Sample(
        minute,
        sum(m, "jvm_memory_used_bytes", "area=\"heap\"") / mib,
        0,
        (sum(m, "jvm_buffer_memory_used_bytes", "id=\"direct\"")
                + sum(m, "netty_allocator_memory_used", "memory_type=\"direct\""))
            / mib,
        sum(m, "jvm_threads_live_threads", ""),
        fds(daemon.pid()),
        healthzMs);
  }

  /**
   * {@code s} with its heap floor: the lowest used heap over the last minute of samples. Used heap
   * is a saw-tooth between collections; its floor is what grows when something leaks.
   */
  private static Sample floored(List<Sample> before, Sample s) {
    double floor = s.heapMiB();
    for (int i = before.size() - 1; i >= 0 && s.minute() - before.get(i).minute() < 1.0; i--) {
      floor = Math.min(floor, before.get(i).heapMiB());
    }
    return new Sample(
        s.minute(), s.heapMiB(), floor, s.directMiB(), s.threads(), s.fds(), s.healthzMs());
  }

  /** The sum of the samples of {@code family} whose labels contain {@code label}. */
  static double sum(String exposition, String family, String label) {
    Pattern p = Pattern.compile("(?m)^" + Pattern.quote(family) + "(\\{[^}]*\\})? (\\S+)$");
    Matcher m = p.matcher(exposition);
    double total = 0;
    while (m.find()) {
      String labels = m.group(1) == null ? "" : m.group(1);
      if (labels.contains(label)) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return total;
  }

  private static double fds(long pid) throws IOException {
    try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return s.count();
    }
  }

  private static String shutdownLine(Path log) throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains("shutdown: planned="))
        .reduce((a, b) -> b)
        .orElse("");
  }
}
