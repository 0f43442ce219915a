package dev.fisherman.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.qos.Interval;
import dev.fisherman.core.qos.LatencySummary;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.qos.Verdicts;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.core.store.SessionState;
import dev.fisherman.core.store.SessionSummary;
import dev.fisherman.daemon.api.Readiness;
import dev.fisherman.daemon.health.CheckResult;
import dev.fisherman.daemon.metrics.DaemonMeters;
import dev.fisherman.daemon.testing.FakeFisherman;
import dev.fisherman.daemon.testing.TestGenesis;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status page through the real admin pipeline on an embedded channel. */
class StatusEndpointTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String NONCE = "bm9uY2Utbm9uY2Utbm9uY2U=";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final DaemonMeters metrics = new DaemonMeters(registry);
  private final FakeFisherman engine = new FakeFisherman(4);

  @AfterEach
  void close() {
    registry.close();
  }

  private EmbeddedChannel channel(Optional<BearerToken> token) {
    HealthEndpoint health = new HealthEndpoint(() -> Map.of("engine", CheckResult.OK));
    StatusEndpoint status =
        new StatusEndpoint(
            engine.store(),
            TestGenesis.twoServicers(),
            health::readiness,
            () -> NONCE,
            Clock.fixed(T0, ZoneOffset.UTC));
    Map<HttpMethod, Endpoint> page =
        Map.of(HttpMethod.GET, status::page, HttpMethod.HEAD, status::page);
    AdminRouter router =
        new AdminRouter(
            List.of(
                AdminRouter.Route.of("status", "/", page),
                AdminRouter.Route.of("status", "/status", page)),
            token,
            metrics);
    return new EmbeddedChannel(
        new AdminServerInitializer(
            router,
            metrics,
            Duration.ofSeconds(60),
            new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE)));
  }

  private static String exchange(EmbeddedChannel ch, String request) {
    ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder();
    Object o;
    while ((o = ch.readOutbound()) != null) {
      ByteBuf b = (ByteBuf) o;
      out.append(b.toString(StandardCharsets.UTF_8));
      b.release();
    }
    return out.toString();
  }

  private static String headers(String response) {
    return response.substring(0, response.indexOf("\r\n\r\n") + 4).toLowerCase(Locale.ROOT);
  }

  private void putHostileSession() {
    String id = "<script>alert(1)</script>&'\"";
    ServicerQos qos =
        new ServicerQos(
            "a&b<i>",
            URI.create("http://127.0.0.1:9001"),
            10,
            Map.of(Outcome.OK, 10L),
            OptionalDouble.of(1.0),
            Optional.of(new Interval(0.72, 1.0)),
            Optional.of(new LatencySummary(1, 2, 3, 4, 5, 2)),
            new Verdicts(Verdicts.Available.YES, Verdicts.Latency.LOW),
            OptionalLong.empty());
    engine.put(
        new SessionReport(
            new SessionSummary(id, "eth", T0, T0.plusSeconds(60), SessionState.ACTIVE, 4, 2, 1),
            List.of(qos)));
  }

  @Test
  void get_root_isHtmlWithAStrictPolicy_andEscapesTheSession() {
    putHostileSession();
    EmbeddedChannel ch = channel(Optional.empty());
    String out = exchange(ch, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(headers(out))
        .startsWith("http/1.1 200 ok\r\n")
        .contains("content-type: text/html; charset=utf-8\r\n")
        .contains(
            "content-security-policy: default-src 'none'; style-src 'nonce-"
                + NONCE.toLowerCase(Locale.ROOT)
                + "'; script-src 'nonce-"
                + NONCE.toLowerCase(Locale.ROOT)
                + "';")
        .contains("x-content-type-options: nosniff\r\n", "cache-control: no-store\r\n");
    assertThat(out)
        .contains("<th scope=\"col\">Servicer</th>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#39;&quot;")
        .contains("a&amp;b&lt;i&gt;")
        .contains("<span class=\"badge good\">readiness: ready</span>")
        .doesNotContain("<script>alert", "<i>");
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void get_status_isTheSamePage() {
    EmbeddedChannel ch = channel(Optional.empty());
    String root = exchange(ch, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    String status = exchange(ch, "GET /status HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(status).isEqualTo(root).contains("No sessions yet.");
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void head_answersTheHeadersWithoutTheBody_evenWithATokenSet() {
    EmbeddedChannel ch = channel(Optional.of(new BearerToken("secret")));
    String get = exchange(ch, "GET /status HTTP/1.1\r\nHost: x\r\n\r\n");
    String head = exchange(ch, "HEAD /status HTTP/1.1\r\nHost: x\r\n\r\n");
    String getHeaders = get.substring(0, get.indexOf("\r\n\r\n") + 4);
    assertThat(head).isEqualTo(getHeaders).startsWith("HTTP/1.1 200 OK\r\n");
    assertThat(ch.isOpen()).isTrue();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void post_isNotAllowed() {
    EmbeddedChannel ch = channel(Optional.empty());
    String out = exchange(ch, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    assertThat(out)
        .startsWith("HTTP/1.1 405 Method Not Allowed\r\n")
        .containsIgnoringCase("allow: GET, HEAD\r\n");
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void readiness_notReady_isShownAsSuch() {
    HealthEndpoint health =
        new HealthEndpoint(() -> Map.of("source", CheckResult.failed("stalled <5s>")));
    Readiness r = health.readiness();
    assertThat(r.ready()).isFalse();
    assertThat(r.checks()).containsEntry("source", "stalled <5s>");
  }
}
