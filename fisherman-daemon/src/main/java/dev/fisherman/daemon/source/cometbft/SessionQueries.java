package dev.fisherman.daemon.source.cometbft;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /pokt-network/poktroll/session/get_session} over one short-lived HTTP/1.1 connection
 * per query, on the source's loop. Bodies larger than the cap and answers slower than the timeout
 * fail the query.
 */
final class SessionQueries {
  static final String PATH = "/pokt-network/poktroll/session/get_session";

  /** The node's answer: status and body. */
  record Reply(int status, byte[] body) {}

  private final EventLoop loop;
  private final URI api;
  private final Optional<SslContext> ssl;
  private final int maxBodyBytes;
  private final Duration timeout;

  SessionQueries(
      EventLoop loop, URI api, Optional<SslContext> ssl, int maxBodyBytes, Duration timeout) {
    this.loop = loop;
    this.api = api;
    this.ssl = ssl;
    this.maxBodyBytes = maxBodyBytes;
    this.timeout = timeout;
  }

  /** Asks for the session of {@code application} and {@code service} at {@code height}. */
  Future<Reply> get(String application, String service, long height) {
    QueryStringEncoder q = new QueryStringEncoder(PATH);
    q.addParam("application_address", application);
    q.addParam("service_id", service);
    q.addParam("block_height", Long.toString(height));
    return get(q.toString());
  }

  /** {@code GET} of {@code pathAndQuery} under the API's base URL. */
  Future<Reply> get(String pathAndQuery) {
    Promise<Reply> promise = loop.newPromise();
    String base = api.getPath() == null ? "" : api.getPath().replaceAll("/+$", "");
    String target = base + pathAndQuery;
    int port = api.getPort() != -1 ? api.getPort() : ssl.isPresent() ? 443 : 80;
    Bootstrap b =
        new Bootstrap()
            .group(loop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    var p = ch.pipeline();
                    ssl.ifPresent(s -> p.addLast(s.newHandler(ch.alloc(), api.getHost(), port)));
                    p.addLast(new ReadTimeoutHandler(timeout.toMillis(), TimeUnit.MILLISECONDS));
                    p.addLast(new HttpClientCodec());
                    p.addLast(new HttpObjectAggregator(maxBodyBytes));
                    p.addLast(
                        new SimpleChannelInboundHandler<FullHttpResponse>() {
                          @Override
                          protected void channelRead0(
                              ChannelHandlerContext ctx, FullHttpResponse r) {
                            promise.trySuccess(
                                new Reply(r.status().code(), ByteBufUtil.getBytes(r.content())));
                            ctx.close();
                          }

                          @Override
                          public void exceptionCaught(ChannelHandlerContext ctx, Throwable c) {
                            promise.tryFailure(describe(c));
                            ctx.close();
                          }

                          @Override
                          public void channelInactive(ChannelHandlerContext ctx) {
                            promise.tryFailure(new java.io.IOException("connection closed"));
                          }
                        });
                  }
                });
    b.connect(api.getHost(), port)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                promise.tryFailure(describe(f.cause()));
                return;
              }
              var ch = ((io.netty.channel.ChannelFuture) f).channel();
              DefaultFullHttpRequest req =
                  new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
              req.headers()
                  .set(HttpHeaderNames.HOST, api.getHost() + ":" + port)
                  .set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON)
                  .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
              ch.writeAndFlush(req);
            });
    return promise;
  }

  private Throwable describe(Throwable c) {
    if (c instanceof ReadTimeoutException) {
      return new java.io.IOException("no answer within " + timeout.toMillis() + " ms");
    }
    if (c instanceof TooLongFrameException) {
      return new java.io.IOException("body larger than " + maxBodyBytes + " bytes");
    }
    String m = c == null || c.getMessage() == null ? String.valueOf(c) : c.getMessage();
    return new java.io.IOException(NodeReplies.quote(m, 160), c);
  }
}
