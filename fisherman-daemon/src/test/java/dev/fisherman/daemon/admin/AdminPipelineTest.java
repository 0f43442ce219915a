package dev.fisherman.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.daemon.health.CheckResult;
import dev.fisherman.daemon.metrics.DaemonMeters;
import dev.fisherman.daemon.testing.FakeFisherman;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin pipeline on an embedded channel: answers and, above all, no leaked buffers. */
class AdminPipelineTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final DaemonMeters metrics = new DaemonMeters(registry);

  @AfterEach
  void close() {
    registry.close();
  }

  private EmbeddedChannel channel() {
    HealthEndpoint health = new HealthEndpoint(() -> Map.of("engine", CheckResult.OK));
    SessionsEndpoint sessions =
        new SessionsEndpoint(
            new FakeFisherman(12).store(),
            address -> java.util.Optional.empty(),
            id -> java.util.Optional.empty(),
            id -> java.util.Optional.empty());
    AdminRouter router =
        new AdminRouter(
            List.of(
                AdminRouter.Route.of("healthz", "/healthz", Map.of(HttpMethod.GET, health::health)),
                AdminRouter.Route.of(
                    "sessions", "/v1/sessions", Map.of(HttpMethod.GET, sessions::list))),
            Optional.empty(),
            metrics);
    return new EmbeddedChannel(
        new AdminServerInitializer(
            router,
            metrics,
            Duration.ofSeconds(60),
            new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE)));
  }

  private static String readAll(EmbeddedChannel ch) {
    StringBuilder out = new StringBuilder();
    Object o;
    while ((o = ch.readOutbound()) != null) {
      ByteBuf b = (ByteBuf) o;
      out.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    return out.toString();
  }

  private static ByteBuf ascii(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
  }

  @Test
  void get_answersJsonAndKeepsTheConnection() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(ascii("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    String out = readAll(ch);
    assertThat(out).startsWith("HTTP/1.1 200 OK\r\n").endsWith("{\"status\":\"up\"}\n");
    assertThat(ch.isOpen()).isTrue();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void pipelinedRequests_withAndWithoutBodies_areAnsweredInOrder() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(
        ascii(
            "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                + "GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "1\r\na\r\n0\r\n\r\n"
                + "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n"));
    String out = readAll(ch);

    assertThat(out.split("HTTP/1.1 ", -1))
        .extracting(part -> part.isEmpty() ? "" : part.substring(0, 3))
        .containsExactly("", "200", "200", "200", "404");
    assertThat(ch.isOpen()).isTrue();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void keptAliveAnswer_hasTheFixedHeaders_andAClosingOneSaysClose() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(ascii("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    String kept = readAll(ch);
    ch.writeInbound(ascii("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    String closing = readAll(ch);

    assertThat(kept.substring(0, kept.indexOf("\r\n\r\n") + 4))
        .isEqualTo(
            "HTTP/1.1 200 OK\r\n"
                + "content-type: application/json; charset=utf-8\r\n"
                + "cache-control: no-store\r\n"
                + "X-Content-Type-Options: nosniff\r\n"
                + "content-length: 16\r\n\r\n");
    assertThat(closing).contains("\r\nconnection: close\r\n").endsWith("{\"status\":\"up\"}\n");
    assertThat(ch.isOpen()).isFalse();
    ch.finishAndReleaseAll();
  }

  @Test
  void oversizedBody_is413_restOfTheBodyDropped_nextRequestServed() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(
        ascii("POST /v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Length: 2097152\r\n\r\n"));
    byte[] chunk = new byte[64 * 1024];
    for (int i = 0; i < 32; i++) {
      ch.writeInbound(Unpooled.wrappedBuffer(chunk));
    }
    ch.writeInbound(ascii("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    String out = readAll(ch);
    assertThat(out).startsWith("HTTP/1.1 413 Request Entity Too Large\r\n");
    assertThat(out).contains("HTTP/1.1 200 OK\r\n");
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void longUri_is414AndCloses() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(ascii("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    assertThat(readAll(ch)).startsWith("HTTP/1.1 414 Request-URI Too Long\r\n");
    assertThat(ch.isOpen()).isFalse();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void bigHeaders_is431AndCloses() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(
        ascii("GET /healthz HTTP/1.1\r\nHost: x\r\nX: " + "b".repeat(20_000) + "\r\n\r\n"));
    assertThat(readAll(ch)).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n");
    assertThat(ch.isOpen()).isFalse();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void idleEvent_closesTheConnection() {
    EmbeddedChannel ch = channel();
    ch.pipeline()
        .fireUserEventTriggered(io.netty.handler.timeout.IdleStateEvent.ALL_IDLE_STATE_EVENT);
    assertThat(ch.isOpen()).isFalse();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void unsupportedHttpVersion_is505AndCloses() {
    // Finding 9: HTTP/9.9 was answered 200.
    EmbeddedChannel ch = channel();
    ch.writeInbound(ascii("GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n"));
    String out = readAll(ch);
    assertThat(out)
        .startsWith("HTTP/1.1 505 HTTP Version Not Supported\r\n")
        .contains("connection: close")
        .endsWith(
            "{\"error\":\"version: \\\"HTTP/9.9\\\" (expected: HTTP/1.0 or HTTP/1.1)\","
                + "\"field\":\"version\"}\n");
    assertThat(ch.isOpen()).isFalse();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void http11WithoutOrWithTwoHosts_is400AndCloses() {
    for (String headers : List.of("", "Host: a\r\nHost: b\r\n")) {
      EmbeddedChannel ch = channel();
      ch.writeInbound(ascii("GET /healthz HTTP/1.1\r\n" + headers + "\r\n"));
      String out = readAll(ch);
      assertThat(out)
          .as(headers)
          .startsWith("HTTP/1.1 400 Bad Request\r\n")
          .contains("\"field\":\"host\"");
      assertThat(ch.isOpen()).isFalse();
      assertThat(ch.finishAndReleaseAll()).isFalse();
    }
  }

  @Test
  void http10WithoutHost_isServed() {
    EmbeddedChannel ch = channel();
    ch.writeInbound(ascii("GET /healthz HTTP/1.0\r\n\r\n"));
    assertThat(readAll(ch)).startsWith("HTTP/1.1 200 OK\r\n");
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void head_isAnsweredLikeGetWithoutTheBody() {
    // Finding 9: HEAD got 405.
    EmbeddedChannel ch = channel();
    ch.writeInbound(ascii("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    String get = readAll(ch);
    ch.writeInbound(ascii("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    String head = readAll(ch);

    assertThat(head).isEqualTo(get.substring(0, get.indexOf("\r\n\r\n") + 4));
    assertThat(head).contains("content-length: 16");
    assertThat(ch.isOpen()).isTrue();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void headNotFinishedInTime_is408AndCloses() {
    // Finding 9: a connection could take forever to finish its headers.
    EmbeddedChannel ch = channel();
    ch.freezeTime();
    ch.writeInbound(ascii("GET /healthz HTTP/1.1\r\nHo"));
    ch.advanceTimeBy(9, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertThat(readAll(ch)).isEmpty();
    ch.writeInbound(ascii("st: x\r\nX-Slow: 1"));

    ch.advanceTimeBy(1, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();

    assertThat(readAll(ch))
        .startsWith("HTTP/1.1 408 Request Timeout\r\n")
        .endsWith("{\"error\":\"request: head not received within 10s\",\"field\":null}\n");
    assertThat(ch.isOpen()).isFalse();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void bodyNotFinishedInTime_is408AndCloses() {
    EmbeddedChannel ch = channel();
    ch.freezeTime();
    ch.writeInbound(
        ascii(
            "POST /v1/sessions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"));
    ch.advanceTimeBy(29, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertThat(readAll(ch)).isEmpty();

    ch.advanceTimeBy(1, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();

    assertThat(readAll(ch))
        .startsWith("HTTP/1.1 408 Request Timeout\r\n")
        .contains("request: body not received within 30s");
    assertThat(ch.isOpen()).isFalse();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void keptAliveConnectionBetweenRequests_hasNoRequestDeadline() {
    EmbeddedChannel ch = channel();
    ch.freezeTime();
    ch.writeInbound(ascii("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    assertThat(readAll(ch)).startsWith("HTTP/1.1 200 OK");

    ch.advanceTimeBy(45, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();

    assertThat(readAll(ch)).isEmpty();
    assertThat(ch.isOpen()).isTrue();
    ch.writeInbound(ascii("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    assertThat(readAll(ch)).startsWith("HTTP/1.1 200 OK");
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void headDeadline_countsFromTheRequestsOwnFirstByte_whenAnEarlierTimerIsStillPending() {
    // One timer per connection: the one armed by the first request fires at 10 s, finds the later
    // head not yet due and re-arms for its own 10 s.
    EmbeddedChannel ch = channel();
    ch.freezeTime();
    for (int i = 0; i < 100; i++) {
      ch.writeInbound(ascii("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
      assertThat(readAll(ch)).startsWith("HTTP/1.1 200 OK");
    }
    ch.advanceTimeBy(9, TimeUnit.SECONDS);
    ch.writeInbound(ascii("GET /healthz HTTP/1.1\r\nHo"));

    ch.advanceTimeBy(1, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertThat(readAll(ch)).isEmpty();
    ch.advanceTimeBy(8900, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(readAll(ch)).isEmpty();
    assertThat(ch.isOpen()).isTrue();

    ch.advanceTimeBy(100, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();

    assertThat(readAll(ch)).startsWith("HTTP/1.1 408 Request Timeout\r\n");
    assertThat(ch.isOpen()).isFalse();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void logLimiter_letsOneLinePerReasonPerPeriodAndCountsTheRest() {
    long[] now = {0};
    LogLimiter limiter = new LogLimiter(Duration.ofSeconds(10), () -> now[0]);

    assertThat(limiter.tryLog("a")).isZero();
    assertThat(limiter.tryLog("a")).isEqualTo(LogLimiter.SUPPRESSED);
    assertThat(limiter.tryLog("a")).isEqualTo(LogLimiter.SUPPRESSED);
    assertThat(limiter.tryLog("b")).isZero();
    now[0] = Duration.ofSeconds(10).toNanos();
    assertThat(limiter.tryLog("a")).isEqualTo(2);
    assertThat(LogLimiter.note(2)).isEqualTo(" (2 more like it suppressed)");
  }
}
