package dev.fisherman.daemon.sim.miner;

import dev.fisherman.shannon.miner.SimulatedRelayMiner;
import dev.fisherman.shannon.wire.HttpAnswer;
import dev.fisherman.shannon.wire.HttpProbe;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * A {@link SimulatedRelayMiner} on the network: the HTTP server a supplier stakes as its endpoint.
 * Each POST body goes to the miner, which forwards the inner request to its backend and answers
 * HTTP 200 with a RelayResponse, as poktroll's RelayMiner does. The miner's blocking work runs on
 * virtual threads of the server's own, so the event loop (the caller's group, never shut down here)
 * stays free.
 */
public final class RelayMinerServer implements AutoCloseable {
  private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "content-length", "host", "transfer-encoding", "keep-alive", "upgrade");

  private final SimulatedRelayMiner miner;
  private final Channel server;
  private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();

  private RelayMinerServer(
      EventLoopGroup group, InetSocketAddress bind, SimulatedRelayMiner miner) {
    this.miner = miner;
    this.server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                        .addLast(new Handler());
                  }
                })
            .bind(bind)
            .syncUninterruptibly()
            .channel();
  }

  /**
   * Serves {@code miner} at {@code bind} on {@code group}, an NIO group the caller owns.
   *
   * @throws RuntimeException when the address cannot be bound
   */
  public static RelayMinerServer start(
      EventLoopGroup group, InetSocketAddress bind, SimulatedRelayMiner miner) {
    return new RelayMinerServer(
        Objects.requireNonNull(group, "group"),
        Objects.requireNonNull(bind, "bind"),
        Objects.requireNonNull(miner, "miner"));
  }

  /**
   * A backend that sends each inner request to {@code base} (its path and query appended) and
   * returns the answer; {@code timeout} bounds each.
   */
  public static Function<HttpProbe, HttpAnswer> forwardingTo(URI base, Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    String root = base.toString().replaceAll("/+$", "");
    return probe -> {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(root + probe.pathAndQuery()))
              .timeout(timeout)
              .method(probe.method(), HttpRequest.BodyPublishers.ofByteArray(probe.body()));
      probe
          .headers()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                  values.forEach(v -> b.header(name, v));
                }
              });
      try {
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> headers = new java.util.TreeMap<>();
        r.headers()
            .map()
            .forEach(
                (k, v) -> {
                  if (!k.startsWith(":") && !HOP_BY_HOP.contains(k)) {
                    headers.put(k, v);
                  }
                });
        return new HttpAnswer(r.statusCode(), headers, r.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    };
  }

  /** The miner this server answers with; switch its behaviour at run time. */
  public SimulatedRelayMiner miner() {
    return miner;
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /** {@code http://host:port}, the URL a supplier stakes. */
  public URI url() {
    InetSocketAddress a = address();
    return URI.create("http://" + a.getHostString() + ":" + a.getPort());
  }

  /** Stops listening and the miner's threads; the event loop group stays up. */
  @Override
  public void close() {
    server.close().syncUninterruptibly();
    work.shutdownNow();
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      if (!request.method().equals(HttpMethod.POST)) {
        reply(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, new byte[0], keepAlive);
        return;
      }
      byte[] body = ByteBufUtil.getBytes(request.content());
      try {
        work.execute(
            () -> {
              byte[] answer = miner.handle(body);
              try {
                ctx.executor().execute(() -> reply(ctx, HttpResponseStatus.OK, answer, keepAlive));
              } catch (RejectedExecutionException e) {
                // The event loop shut down while the miner worked: the connection went with it.
              }
            });
      } catch (RejectedExecutionException e) {
        ctx.close();
      }
    }

    private void reply(
        ChannelHandlerContext ctx, HttpResponseStatus status, byte[] body, boolean keepAlive) {
      FullHttpResponse response =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      HttpUtil.setContentLength(response, body.length);
      HttpUtil.setKeepAlive(response, keepAlive);
      var f = ctx.writeAndFlush(response);
      if (!keepAlive) {
        f.addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
