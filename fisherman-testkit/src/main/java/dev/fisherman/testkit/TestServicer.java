package dev.fisherman.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A servicer on 127.0.0.1, port 0, that behaves as a test tells it to. */
public final class TestServicer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the servicer does with each request. */
  public enum Behaviour {
    /** 200 with a JSON-RPC result {@code 0x10} and the request's id. */
    FAST,
    /** Like FAST, after {@link TestServicer#delayMillis}. */
    DELAYED,
    /** Sends half a response head and body, then resets the connection. */
    RESET_MID_BODY,
    /** Reads the request and never answers. */
    NEVER_ANSWER,
    /** Answers bytes that are not HTTP. */
    GARBAGE,
    /** HTTP 500. */
    HTTP_500,
    /** 200 with a JSON-RPC error object, code -32601. */
    RPC_ERROR,
    /** 200 with a chunked body of {@link TestServicer#LARGE_BODY} bytes. */
    LARGE_BODY,
    /** Closes the connection without answering. */
    CLOSE_WITHOUT_ANSWER,
    /** 200 with a result and the request's id + 1. */
    WRONG_ID,
    /** 200 with neither result nor error. */
    MISSING_RESULT,
    /** 200 whose body is not JSON. */
    NOT_JSON,
    /** FAST for the first request on a connection, then closes it at the next one unanswered. */
    ONE_ANSWER_PER_CONNECTION
  }

  /** Bytes of the {@link Behaviour#LARGE_BODY} body. */
  public static final int LARGE_BODY = 4 * 1024 * 1024;

  private final Channel server;
  private final Behaviour behaviour;
  private final long delayMillis;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();
  private final List<Long> delays = new ArrayList<>();
  private final List<String> bodies = new ArrayList<>();

  private final boolean tls;

  private TestServicer(
      EventLoopGroup group, Behaviour behaviour, long delayMillis, SslContext sslContext)
      throws InterruptedException {
    this.tls = sslContext != null;
    this.behaviour = behaviour;
    this.delayMillis = delayMillis;
    this.server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connections.incrementAndGet();
                    ch.closeFuture().addListener(f -> closed.incrementAndGet());
                    if (sslContext != null) {
                      ch.pipeline().addLast(sslContext.newHandler(ch.alloc()));
                    }
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(new Handler());
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  public static TestServicer start(EventLoopGroup group, Behaviour behaviour)
      throws InterruptedException {
    return new TestServicer(group, behaviour, 0, null);
  }

  /** A FAST servicer speaking TLS with {@code context}. */
  public static TestServicer tls(EventLoopGroup group, SslContext context)
      throws InterruptedException {
    return new TestServicer(group, Behaviour.FAST, 0, context);
  }

  public static TestServicer delayed(EventLoopGroup group, long delayMillis)
      throws InterruptedException {
    return new TestServicer(group, Behaviour.DELAYED, delayMillis, null);
  }

  /** A URL on which nothing listens: connections to it are refused. */
  public static URI refusingUrl() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return URI.create("http://127.0.0.1:" + port);
  }

  public URI url() {
    return URI.create(
        (tls ? "https" : "http")
            + "://127.0.0.1:"
            + ((InetSocketAddress) server.localAddress()).getPort());
  }

  public int connections() {
    return connections.get();
  }

  /** Connections that have been closed, by either side. */
  public int closedConnections() {
    return closed.get();
  }

  public int requests() {
    return requests.get();
  }

  /** Request receipt → response write of each delayed answer, as the server measured it. */
  public List<Long> delays() {
    synchronized (delays) {
      return List.copyOf(delays);
    }
  }

  public List<String> bodies() {
    synchronized (bodies) {
      return List.copyOf(bodies);
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.close().sync();
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private int served;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request)
        throws IOException {
      long received = System.nanoTime();
      requests.incrementAndGet();
      String text = request.content().toString(StandardCharsets.UTF_8);
      synchronized (bodies) {
        bodies.add(text);
      }
      JsonNode id = text.isEmpty() ? null : JSON.readTree(text).get("id");
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      switch (behaviour) {
        case FAST -> json(ctx, keepAlive, HttpResponseStatus.OK, result(id));
        case DELAYED ->
            ctx.executor()
                .schedule(
                    () -> {
                      long held = System.nanoTime() - received;
                      synchronized (delays) {
                        delays.add(held);
                      }
                      json(ctx, keepAlive, HttpResponseStatus.OK, result(id));
                    },
                    delayMillis,
                    TimeUnit.MILLISECONDS);
        case RESET_MID_BODY -> {
          ByteBuf half =
              Unpooled.copiedBuffer(
                  "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"jsonrpc\":\"2.0\"",
                  StandardCharsets.US_ASCII);
          raw(ctx, half)
              .addListener(
                  f -> {
                    ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                    ctx.channel().close();
                  });
        }
        case NEVER_ANSWER -> {}
        case GARBAGE ->
            raw(
                ctx,
                Unpooled.copiedBuffer(
                    "%%%% not http at all %%%%\r\n\r\n", StandardCharsets.US_ASCII));
        case HTTP_500 -> json(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR, "oops");
        case RPC_ERROR ->
            json(
                ctx,
                keepAlive,
                HttpResponseStatus.OK,
                "{\"jsonrpc\":\"2.0\",\"id\":"
                    + id
                    + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
        case LARGE_BODY -> large(ctx);
        case CLOSE_WITHOUT_ANSWER -> ctx.close();
        case WRONG_ID ->
            json(
                ctx,
                keepAlive,
                HttpResponseStatus.OK,
                "{\"jsonrpc\":\"2.0\",\"id\":" + (id.asLong() + 1) + ",\"result\":\"0x10\"}");
        case MISSING_RESULT ->
            json(ctx, keepAlive, HttpResponseStatus.OK, "{\"jsonrpc\":\"2.0\",\"id\":" + id + "}");
        case NOT_JSON -> json(ctx, keepAlive, HttpResponseStatus.OK, "<html>hello</html>");
        case ONE_ANSWER_PER_CONNECTION -> {
          if (served++ == 0) {
            json(ctx, keepAlive, HttpResponseStatus.OK, result(id));
          } else {
            ctx.close();
          }
        }
      }
    }

    private static String result(JsonNode id) {
      return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"0x10\"}";
    }

    private static void json(
        ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String body) {
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
      HttpUtil.setContentLength(response, response.content().readableBytes());
      HttpUtil.setKeepAlive(response, keepAlive);
      var f = ctx.writeAndFlush(response);
      if (!keepAlive) {
        f.addListener(ChannelFutureListener.CLOSE);
      }
    }

    private static io.netty.channel.ChannelFuture raw(ChannelHandlerContext ctx, ByteBuf bytes) {
      // Written below the HTTP codec so it reaches the wire untouched.
      return ctx.pipeline().firstContext().writeAndFlush(bytes);
    }

    private static void large(ChannelHandlerContext ctx) {
      HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      HttpUtil.setTransferEncodingChunked(head, true);
      ctx.write(head);
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) ' ');
      for (int sent = 0; sent < LARGE_BODY; sent += chunk.length) {
        ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
      }
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
