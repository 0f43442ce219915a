package dev.fisherman.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fisherman.daemon.health.CheckResult;
import dev.fisherman.daemon.metrics.DaemonMeters;
import dev.fisherman.daemon.source.SessionEventParser;
import dev.fisherman.daemon.source.TestSources;
import dev.fisherman.daemon.testing.FakeFisherman;
import dev.fisherman.daemon.testing.TestGenesis;
import dev.fisherman.genesis.input.JsonReader;
import dev.fisherman.genesis.input.Node;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/**
 * The admin request path over arbitrary bytes from a client: the whole pipeline on an embedded
 * channel, fed in fuzzed slices. {@code make test} replays {@code AdminRequestFuzzTestInputs/};
 * {@code make fuzz} mutates.
 */
class AdminRequestFuzzTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @FuzzTest(maxDuration = "60s")
  void request(FuzzedDataProvider data) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try {
      EmbeddedChannel ch = channel(registry);
      // The methods of the requests the server read, in order: an answer to HEAD has no body.
      Queue<HttpMethod> methods = new ArrayDeque<>();
      ch.pipeline()
          .addAfter(
              ch.pipeline().context(HttpServerCodec.class).name(),
              "methods",
              new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                  if (msg instanceof HttpRequest r) {
                    methods.add(r.method());
                  }
                  ctx.fireChannelRead(msg);
                }
              });
      List<byte[]> slices = new ArrayList<>();
      while (data.remainingBytes() > 0) {
        slices.add(data.consumeBytes(data.consumeInt(1, 4096)));
      }
      // No exception escapes the pipeline: EmbeddedChannel rethrows any that reached its tail.
      for (byte[] slice : slices) {
        if (!ch.isOpen()) {
          break;
        }
        ch.writeInbound(Unpooled.wrappedBuffer(slice));
        ch.checkException();
      }
      ByteBuf out = Unpooled.buffer();
      Object o;
      while ((o = ch.readOutbound()) != null) {
        ByteBuf b = (ByteBuf) o;
        out.writeBytes(b);
        b.release();
      }
      ch.finish();
      // Closing tears the pipeline down from the tail: a request the decoder had begun is ended
      // with an empty last content that, the router being gone, reaches the tail (which a server
      // discards). Nothing else may be left: no bytes, no response unwritten.
      assertThat(ch.outboundMessages()).as("responses left unwritten").isEmpty();
      Object left;
      while ((left = ch.readInbound()) != null) {
        try {
          assertThat(left)
              .as("left in the pipeline")
              .isInstanceOfSatisfying(
                  LastHttpContent.class, c -> assertThat(c.content().readableBytes()).isZero());
        } finally {
          ReferenceCountUtil.release(left);
        }
      }
      checkResponses(out, methods);
    } finally {
      registry.close();
    }
  }

  /** Every byte written back is a sequence of well-formed HTTP/1.1 responses. */
  private static void checkResponses(ByteBuf out, Queue<HttpMethod> methods) throws Exception {
    int written = out.readableBytes();
    Queue<Boolean> toHead = new ArrayDeque<>();
    HttpResponseDecoder decoder =
        new HttpResponseDecoder() {
          @Override
          protected boolean isContentAlwaysEmpty(HttpMessage msg) {
            boolean head = HttpMethod.HEAD.equals(methods.poll());
            toHead.add(head);
            return head || super.isContentAlwaysEmpty(msg);
          }
        };
    EmbeddedChannel client =
        new EmbeddedChannel(decoder, new HttpObjectAggregator(16 * 1024 * 1024));
    client.writeInbound(out);
    int responses = 0;
    Object o;
    while ((o = client.readInbound()) != null) {
      FullHttpResponse r = (FullHttpResponse) o;
      try {
        responses++;
        assertThat(r.decoderResult().isSuccess()).as("%s", r.decoderResult()).isTrue();
        assertThat(r.protocolVersion().text()).isEqualTo("HTTP/1.1");
        int code = r.status().code();
        assertThat(code).isBetween(200, 599).isNotEqualTo(500);
        boolean head = Boolean.TRUE.equals(toHead.poll());
        if (code >= 400 && !head) {
          assertThat(r.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo(AdminResponse.JSON);
          Node body =
              JsonReader.read(ByteBufUtil.getBytes(r.content()), JsonReader.Duplicates.REFUSE);
          assertThat(body).isInstanceOf(Node.Obj.class);
          assertThat(((Node.Obj) body).members())
              .anySatisfy(m -> assertThat(m.key()).isEqualTo("error"));
        }
      } finally {
        r.release();
      }
    }
    assertThat(client.finishAndReleaseAll()).as("a partial response").isFalse();
    if (written > 0) {
      assertThat(responses).as("responses in %d bytes", written).isPositive();
    }
  }

  private static EmbeddedChannel channel(PrometheusMeterRegistry registry) {
    DaemonMeters metrics = new DaemonMeters(registry);
    FakeFisherman engine = new FakeFisherman(12);
    HealthEndpoint health = new HealthEndpoint(() -> Map.of("engine", CheckResult.OK));
    SessionsEndpoint sessions =
        new SessionsEndpoint(
            engine.store(),
            address -> java.util.Optional.empty(),
            id -> java.util.Optional.empty(),
            id -> java.util.Optional.empty());
    WebhookEndpoint webhook =
        new WebhookEndpoint(
            TestSources.startedWebhook(
                new SessionEventParser(TestGenesis.twoServicers(), InstantSource.fixed(T0)),
                registry,
                engine::submit),
            engine.store());
    AdminRouter router =
        new AdminRouter(
            List.of(
                AdminRouter.Route.of("healthz", "/healthz", Map.of(HttpMethod.GET, health::health)),
                AdminRouter.Route.of(
                    "sessions",
                    "/v1/sessions",
                    Map.of(HttpMethod.GET, sessions::list, HttpMethod.POST, webhook::post)),
                AdminRouter.Route.of(
                    "session", "/v1/sessions/*", Map.of(HttpMethod.GET, sessions::session))),
            Optional.empty(),
            metrics);
    return new EmbeddedChannel(
        new AdminServerInitializer(
            router,
            metrics,
            Duration.ofSeconds(60),
            new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE)));
  }
}
