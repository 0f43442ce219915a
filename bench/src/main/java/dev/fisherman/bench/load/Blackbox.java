package dev.fisherman.bench.load;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * {@code prometheus-blackbox-exporter} with an {@code http_post} module that sends the probe's
 * JSON-RPC body, driven through {@code /probe} at a fixed rate; each probe's own {@code
 * probe_duration_seconds} is what it measured.
 */
final class Blackbox implements AutoCloseable {
  static final String BINARY = "prometheus-blackbox-exporter";

  /**
   * @param measuredNanos probe_duration_seconds of each successful probe, in nanoseconds
   * @param probes probes the exporter answered
   * @param failed probes with probe_success 0 or no answer
   * @param cpuSeconds exporter CPU time over the run
   */
  record Result(Histogram measuredNanos, long probes, long failed, double cpuSeconds) {}

  private final ChildProcess process;
  private final int port;
  private final Path config;

  private Blackbox(ChildProcess process, int port, Path config) {
    this.process = process;
    this.port = port;
    this.config = config;
  }

  static Blackbox start(Path dir, String body) throws IOException, InterruptedException {
    Path config = dir.resolve("blackbox.yml");
    Files.writeString(
        config,
        """
        modules:
          jsonrpc_post:
            prober: http
            timeout: 2s
            http:
              method: POST
              preferred_ip_protocol: ip4
              headers:
                Content-Type: application/json
              body: '%s'
              valid_status_codes: [200]
              fail_if_body_not_matches_regexp: ['"result"']
        """
            .formatted(body),
        StandardCharsets.UTF_8);
    int port = Ports.free();
    ChildProcess p =
        ChildProcess.start(
            List.of(
                BINARY,
                "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn"),
            dir.resolve("blackbox.log"));
    Blackbox b = new Blackbox(p, port, config);
    Http.awaitOk(URI.create("http://127.0.0.1:" + port + "/-/healthy"), Duration.ofSeconds(10));
    return b;
  }

  List<String> command() {
    return List.of(BINARY, "--config.file=" + config, "--web.listen-address=127.0.0.1:" + port);
  }

  String probePath(String targetUrl) {
    return "/probe?module=jsonrpc_post&target="
        + URLEncoder.encode(targetUrl, StandardCharsets.UTF_8);
  }

  /** One probe, for warming up and checking that the module works. */
  String probeOnce(String targetUrl) throws IOException, InterruptedException {
    try (HttpClient c = HttpClient.newHttpClient()) {
      return c.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + probePath(targetUrl)))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  /** Drives {@code /probe} at {@code rate} per second for {@code length}. */
  Result drive(String targetUrl, double rate, Duration length) throws InterruptedException {
    String path = probePath(targetUrl);
    Histogram measured = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    AtomicLong failed = new AtomicLong();
    OpenLoop loop =
        new OpenLoop(
            new InetSocketAddress("127.0.0.1", port),
            32,
            () -> {
              DefaultFullHttpRequest r =
                  new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
              r.headers().set(HttpHeaderNames.HOST, "127.0.0.1:" + port);
              return r;
            },
            text -> {
              double seconds = metric(text, "probe_duration_seconds");
              if (metric(text, "probe_success") == 1.0) {
                measured.recordValue(Math.round(seconds * 1e9));
              } else {
                failed.incrementAndGet();
              }
            });
    double cpu0 = process.cpu().toNanos() / 1e9;
    OpenLoop.Result r = loop.run(rate, length);
    double cpu = process.cpu().toNanos() / 1e9 - cpu0;
    return new Result(
        measured, r.answered(), failed.get() + r.failed() + (r.due() - r.answered()), cpu);
  }

  private static double metric(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    return Double.NaN;
  }

  @Override
  public void close() {
    process.close();
  }
}
