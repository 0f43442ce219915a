package dev.fisherman.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.envelope.Probe;
import dev.fisherman.core.envelope.RelayEnvelope;
import dev.fisherman.core.envelope.Unwrapped;
import dev.fisherman.core.envelope.Wrapped;
import dev.fisherman.core.probe.Attestation;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeLabel;
import dev.fisherman.core.testkit.Genesises;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.genesis.ConnectionMode;
import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.SimulatedServicer;
import dev.fisherman.testkit.NoLeaks;
import dev.fisherman.testkit.Servicers;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay envelope seam with a protocol of the test's own: requests are wrapped per servicer and
 * POSTed to the URL as given, answers are unwrapped and the inner response goes through the
 * service's check; protocol failures are the probe's outcome; a URL the envelope does not know gets
 * the relay as it is.
 */
@ExtendWith(NoLeaks.class)
class RelayEnvelopeIT {
  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  private static EventLoopGroup serverGroup;
  private static EventLoopGroup clientGroup;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** What the wrapping server saw: method, target, the envelope header and the body. */
  record Seen(String method, String target, String header, String body) {}

  private final List<Seen> seen = new ArrayList<>();
  private volatile Function<String, String> answer = inner -> "OK " + jsonRpcAnswer(inner);
  private volatile int status = 200;

  /**
   * Wraps as {@code to:<servicer>\n<body>}; answers {@code OK <inner>}, {@code ERR}, {@code
   * FORGED}.
   */
  private static final RelayEnvelope TEST =
      new RelayEnvelope() {
        @Override
        public String name() {
          return "test";
        }

        @Override
        public Optional<Wrapped> wrap(String servicer, Probe probe) {
          if (servicer.equals("unwrappable")) {
            throw new IllegalArgumentException("no key for " + servicer);
          }
          if (!servicer.startsWith("s")) {
            return Optional.empty();
          }
          byte[] head = ("to:" + servicer + "\n").getBytes(StandardCharsets.UTF_8);
          byte[] body = new byte[head.length + probe.body().length];
          System.arraycopy(head, 0, body, 0, head.length);
          System.arraycopy(probe.body(), 0, body, head.length, probe.body().length);
          return Optional.of(new Wrapped(List.of(Map.entry("X-Envelope", "test")), body));
        }

        @Override
        public Unwrapped unwrap(String servicer, byte[] body, int offset, int length) {
          String text = new String(body, offset, length, StandardCharsets.UTF_8);
          if (text.startsWith("OK ")) {
            byte[] inner = text.substring(3).getBytes(StandardCharsets.UTF_8);
            return new Unwrapped.Answer(
                200, inner, new Attestation(servicer, new byte[] {2}, inner, new byte[] {9}));
          }
          if (text.equals("ERR")) {
            return new Unwrapped.Failed(Outcome.RELAY_ERROR, OptionalLong.of(7), "test/7: busy");
          }
          return new Unwrapped.Failed(
              Outcome.BAD_SIGNATURE, OptionalLong.empty(), "invalid_signature");
        }
      };

  @BeforeAll
  static void groups() {
    serverGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    clientGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void shutdown() {
    clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
  }

  private static String jsonRpcAnswer(String inner) {
    Matcher m = ID.matcher(inner);
    return "{\"jsonrpc\":\"2.0\",\"id\":" + (m.find() ? m.group(1) : "0") + ",\"result\":\"0x10\"}";
  }

  private URI wrappingServer(String path) {
    Channel server =
        new ServerBootstrap()
            .group(serverGroup)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(1 << 16))
                        .addLast(
                            new SimpleChannelInboundHandler<FullHttpRequest>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, FullHttpRequest r) {
                                String body = r.content().toString(StandardCharsets.UTF_8);
                                synchronized (seen) {
                                  seen.add(
                                      new Seen(
                                          r.method().name(),
                                          r.uri(),
                                          r.headers().get("X-Envelope"),
                                          body));
                                }
                                String inner = body.substring(body.indexOf('\n') + 1);
                                byte[] out = answer.apply(inner).getBytes(StandardCharsets.UTF_8);
                                FullHttpResponse response =
                                    new DefaultFullHttpResponse(
                                        HttpVersion.HTTP_1_1,
                                        HttpResponseStatus.valueOf(status),
                                        Unpooled.wrappedBuffer(out));
                                HttpUtil.setContentLength(response, out.length);
                                ctx.writeAndFlush(response);
                              }
                            });
                  }
                })
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .syncUninterruptibly()
            .channel();
    closeables.add(() -> server.close().syncUninterruptibly());
    InetSocketAddress a = (InetSocketAddress) server.localAddress();
    return URI.create("http://127.0.0.1:" + a.getPort() + path);
  }

  private RelayClient client() {
    RelayClient client =
        RelayClient.create(
            clientGroup,
            RelayClientConfig.from(
                Genesises.qos(
                    12,
                    dev.fisherman.genesis.Distribution.STRATIFIED,
                    Duration.ZERO,
                    Duration.ofSeconds(2),
                    ConnectionMode.REUSE,
                    1 << 20)));
    closeables.add(client);
    return client;
  }

  private static ProbeLabel label(String servicer) {
    return ProbeLabel.now(servicer, FishermanClock.system());
  }

  private List<Observation> fanOut(List<URI> urls, List<String> servicers) {
    RelayRequest request = RelayRequest.of(Genesises.ETH, 4242).within(TEST, servicers);
    return client()
        .fanOut(urls, request, servicers.stream().map(RelayEnvelopeIT::label).toList())
        .stream()
        .map(f -> f.join())
        .toList();
  }

  @Test
  void within_wrapsPerServicer_postsToTheUrlAsGiven_andChecksTheInnerAnswer() {
    URI url = wrappingServer("/relay?key=1");

    List<Observation> o = fanOut(List.of(url, url), List.of("s1", "s2"));

    assertThat(o).extracting(Observation::outcome).containsOnly(Outcome.OK);
    assertThat(o).allSatisfy(x -> assertThat(x.blockHeight()).hasValue(16));
    assertThat(o.get(0).attestation().orElseThrow().signer()).isEqualTo("s1");
    assertThat(o.get(1).attestation().orElseThrow().signer()).isEqualTo("s2");
    assertThat(o.get(0).signed()).isTrue();
    synchronized (seen) {
      assertThat(seen).hasSize(2);
      assertThat(seen)
          .allSatisfy(
              s -> {
                assertThat(s.method()).isEqualTo("POST");
                assertThat(s.target()).isEqualTo("/relay?key=1");
                assertThat(s.header()).isEqualTo("test");
                assertThat(s.body()).contains("\"id\":4242");
              });
      assertThat(seen).extracting(s -> s.body().substring(0, 6)).containsOnly("to:s1\n", "to:s2\n");
    }
  }

  @Test
  void within_protocolFailures_areTheOutcome_andTheInnerAnswerIsStillChecked() {
    URI url = wrappingServer("/");

    answer = inner -> "ERR";
    Observation error = fanOut(List.of(url), List.of("s1")).get(0);
    assertThat(error.outcome()).isEqualTo(Outcome.RELAY_ERROR);
    assertThat(error.rpcErrorCode()).hasValue(7);
    assertThat(error.detail()).isEqualTo("test/7: busy");
    assertThat(error.signed()).isFalse();

    answer = inner -> "FORGED";
    Observation forged = fanOut(List.of(url), List.of("s1")).get(0);
    assertThat(forged.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    assertThat(forged.detail()).isEqualTo("invalid_signature");

    answer = inner -> "OK not json";
    Observation garbage = fanOut(List.of(url), List.of("s1")).get(0);
    assertThat(garbage.outcome()).isEqualTo(Outcome.INVALID_RESPONSE);
    // Signed garbage is still attributable to whoever signed it.
    assertThat(garbage.signed()).isTrue();

    status = 503;
    answer = inner -> "{\"error\":\"overloaded\"}";
    Observation unavailable = fanOut(List.of(url), List.of("s1")).get(0);
    assertThat(unavailable.outcome()).isEqualTo(Outcome.HTTP_STATUS);
    assertThat(unavailable.httpStatus()).hasValue(503);
  }

  @Test
  void within_aUrlOfNoServicer_getsTheRelayAsItIs() throws Exception {
    SimulatedServicer canary = Servicers.start(serverGroup, Behaviour.healthy());
    closeables.add(canary);

    Observation o = fanOut(List.of(canary.url()), List.of("canary")).get(0);

    assertThat(o.outcome()).as(o.detail()).isEqualTo(Outcome.OK);
    assertThat(o.signed()).isFalse();
  }

  @Test
  void within_wrapFails_probeRefusedSayingWhy() {
    URI url = wrappingServer("/");

    Observation o = fanOut(List.of(url), List.of("unwrappable")).get(0);

    assertThat(o.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(o.detail()).isEqualTo("not wrapped for test: no key for unwrappable");
    synchronized (seen) {
      assertThat(seen).isEmpty();
    }
  }

  @Test
  void within_direct_isTheSameRequest() {
    RelayRequest plain = RelayRequest.of(Genesises.ETH, 1);
    assertThat(plain.within(RelayEnvelope.DIRECT, List.of("s1"))).isSameAs(plain);
  }
}
