package dev.fisherman.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Fisherman at the rate fishermen run: the packaged daemon probes a session of {@link #SERVICERS}
 * servicers at one probe per second each for {@link #PROBES} probes, while a plain keep-alive
 * client in the harness probes the same servicer process at the same rate per connection, in the
 * same seconds. The daemon's latencies come from its session export (every probe), the reference's
 * from its own clock around a blocking write and read; the overhead is the difference at the same
 * percentile, and the first probe of the session is set against the reference's median.
 */
final class LowRateScenario {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Sessions of one servicer each (a loopback address of its own): one probe per second per
   * servicer without a fan-out, whose answers would queue behind each other in the one servicer
   * process and measure that process rather than the fisherman.
   */
  static final int SERVICERS = 5;

  /** Probes per servicer: a 60-probe session at one probe per second. */
  static final int PROBES = 60;

  static final Duration START_DELAY = Duration.ofSeconds(1);

  private final Context ctx;
  private final ServicerProcess servicer;

  LowRateScenario(Context ctx, ServicerProcess servicer) {
    this.ctx = ctx;
    this.servicer = servicer;
  }

  void run(int run) throws Exception {
    int probes = ctx.options.quick() ? 15 : PROBES;
    Duration session = START_DELAY.plusSeconds(probes);
    Path genesis =
        DaemonProcess.writeGenesis(ctx.workDir, "genesis-lowrate.json", probes, START_DELAY);
    Path export = ctx.workDir.resolve("export-lowrate-" + run);
    Files.createDirectories(export);
    servicer.delay(Duration.ZERO);
    String id = "bench-lowrate-" + run;
    if (run == 1) {
      ctx.setup.add(
          "Low rate: the packaged daemon (webhook source, session export on) probes "
              + SERVICERS
              + " sessions of one servicer each (each on a loopback address of its own, so a"
              + " connection each) at one probe per second per servicer, "
              + probes
              + " probes each (stratified), servicer delay 0. In the same seconds a plain"
              + " keep-alive client in the harness (blocking socket, "
              + SERVICERS
              + " connections opened and used once before timing, one request per connection per"
              + " second, the connections taking turns evenly) probes the same servicer process."
              + " Fisherman's latencies are every ok probe's `total_ms` from the export files; the"
              + " reference's run from its write to the end of its answer. Overhead = fisherman −"
              + " reference at the same percentile; the first probe's overhead is the p50 of the"
              + " sessions' first probes minus the reference's p50.");
      ctx.commands.add(
          DaemonProcess.commandForDoc(ctx.options.daemonJar())
              + " --export-dir $WORK/export-lowrate-N  # probes_per_session="
              + probes);
    }
    try (DaemonProcess daemon =
        DaemonProcess.start(
            ctx.options.daemonJar(),
            genesis,
            ctx.workDir.resolve("daemon-lowrate-" + run + ".log"),
            ctx.options.daemonOpts(),
            List.of("--export-dir", export.toString()))) {
      daemon.awaitReady(Duration.ofSeconds(60));
      int port = URI.create(servicer.url()).getPort();
      Reference reference = new Reference(port);
      reference.open();
      for (int k = 0; k < SERVICERS; k++) {
        HttpResponse<String> posted =
            Http.post(
                daemon.uri("/v1/sessions"), sessionJson(id + "-" + k, k, port, session), null);
        if (posted.statusCode() / 100 != 2) {
          throw new IllegalStateException(
              "POST /v1/sessions: " + posted.statusCode() + " " + posted.body());
        }
      }
      // The reference probes through the same seconds as the session's rounds.
      List<Double> referenceMs = reference.run(session);
      reference.close();
      List<Double> all = new ArrayList<>();
      List<Double> first = new ArrayList<>();
      List<Double> steady = new ArrayList<>();
      int failed = 0;
      for (int k = 0; k < SERVICERS; k++) {
        Path file = export.resolve(id + "-" + k + ".ndjson");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        if (!Files.exists(file)) {
          throw new IllegalStateException("no export of " + id + "-" + k + " in " + export);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
          JsonNode o = JSON.readTree(line);
          if (!o.path("outcome").asText().equals("ok")) {
            failed++;
            continue;
          }
          double ms = o.path("total_ms").asDouble();
          all.add(ms);
          (o.path("round").asInt() == 0 ? first : steady).add(ms);
        }
      }
      if (failed > 0) {
        ctx.log("  low rate: %d probes not ok", failed);
      }
      double refP50 = percentile(referenceMs, 50);
      double refP99 = percentile(referenceMs, 99);
      ctx.record("lowrate.reference_p50_us", refP50 * 1000);
      ctx.record("lowrate.reference_p99_us", refP99 * 1000);
      ctx.record("lowrate.fisherman_p50_us", percentile(all, 50) * 1000);
      ctx.record("lowrate.fisherman_p99_us", percentile(all, 99) * 1000);
      ctx.record("lowrate.overhead_p50_us", (percentile(all, 50) - refP50) * 1000);
      ctx.record("lowrate.overhead_p99_us", (percentile(all, 99) - refP99) * 1000);
      ctx.record("lowrate.steady_overhead_p50_us", (percentile(steady, 50) - refP50) * 1000);
      ctx.record("lowrate.first_probe_p50_us", percentile(first, 50) * 1000);
      ctx.record("lowrate.first_probe_max_us", percentile(first, 100) * 1000);
      ctx.record("lowrate.first_overhead_ms", percentile(first, 50) - refP50);
      ctx.record("lowrate.probes_ok", all.size());
    }
  }

  /** Session {@code id} of one servicer, the {@code k}-th loopback address. */
  private static String sessionJson(String id, int k, int port, Duration duration) {
    return "{\"session_id\":\""
        + id
        + "\",\"service\":\"eth\",\"start_height\":1,\"duration\":\""
        + duration.toMillis()
        + "ms\",\"servicers\":[{\"address\":\"servicer-"
        + k
        + "\",\"url\":\"http://"
        + host(k)
        + ":"
        + port
        + "\"}]}";
  }

  /** The {@code k}-th servicer's loopback address (as {@link DaemonProcess#sessionJson}). */
  static String host(int k) {
    return "127.0." + (1 + k / 250) + "." + (1 + k % 250);
  }

  /** The {@code p}-th percentile (nearest rank) of {@code values}; NaN when empty. */
  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> v = new ArrayList<>(values);
    v.sort(null);
    int rank = (int) Math.ceil(p / 100.0 * v.size());
    return v.get(Math.max(0, Math.min(v.size() - 1, rank - 1)));
  }

  /**
   * The reference: a plain HTTP/1.1 keep-alive client on blocking sockets, one connection per
   * servicer address, each used once a second.
   */
  private static final class Reference implements AutoCloseable {
    private final int port;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<InputStream> ins = new ArrayList<>();
    private final byte[][] requests = new byte[SERVICERS][];

    Reference(int port) {
      this.port = port;
    }

    void open() throws IOException {
      for (int i = 0; i < SERVICERS; i++) {
        // The addresses the session's servicers have (see DaemonProcess.sessionJson).
        String host = host(i);
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), 5_000);
        sockets.add(s);
        ins.add(new BufferedInputStream(s.getInputStream(), 8192));
        byte[] body = Workload.BODY.getBytes(StandardCharsets.US_ASCII);
        requests[i] =
            ("POST / HTTP/1.1\r\nhost: "
                    + host
                    + ":"
                    + port
                    + "\r\ncontent-type: application/json\r\ncontent-length: "
                    + body.length
                    + "\r\n\r\n"
                    + Workload.BODY)
                .getBytes(StandardCharsets.US_ASCII);
        // Used once before timing: a kept-alive connection that already talked.
        exchange(i);
      }
    }

    /**
     * One request per connection per second for {@code length}, the connections taking turns evenly
     * over each second; each latency runs from the write to the end of the answer.
     */
    List<Double> run(Duration length) throws IOException {
      List<Double> ms = new ArrayList<>();
      long step = TimeUnit.SECONDS.toNanos(1) / SERVICERS;
      long start = System.nanoTime();
      long end = start + length.toNanos();
      for (long k = 0; ; k++) {
        long due = start + k * step;
        if (due > end) {
          break;
        }
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        long t0 = System.nanoTime();
        exchange((int) (k % SERVICERS));
        ms.add((System.nanoTime() - t0) / 1e6);
      }
      return ms;
    }

    private void exchange(int i) throws IOException {
      write(i);
      read(i);
    }

    private void write(int i) throws IOException {
      OutputStream out = sockets.get(i).getOutputStream();
      out.write(requests[i]);
      out.flush();
    }

    private void read(int i) throws IOException {
      InputStream in = ins.get(i);
      int length = -1;
      StringBuilder line = new StringBuilder();
      while (true) {
        int c = in.read();
        if (c < 0) {
          throw new IOException("connection closed by the servicer");
        }
        if (c == '\n') {
          String l = line.toString().trim();
          line.setLength(0);
          if (l.isEmpty()) {
            break;
          }
          if (l.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(l.substring(15).trim());
          }
        } else {
          line.append((char) c);
        }
      }
      if (length < 0) {
        throw new IOException("answer without content-length");
      }
      in.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
