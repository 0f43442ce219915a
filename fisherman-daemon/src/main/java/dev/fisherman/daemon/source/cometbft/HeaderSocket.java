package dev.fisherman.daemon.source.cometbft;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One websocket to the node's {@code /websocket}: connects, completes the handshake, pings when it
 * has sent nothing for a while, closes when the node has been silent past the read timeout, and
 * hands every text frame and the end of the connection to its {@link Listener} on the source's
 * loop. Frames larger than the cap end the connection.
 */
final class HeaderSocket {
  /** What the socket reports; every call comes on the loop the socket was opened on. */
  interface Listener {
    void opened(HeaderSocket socket);

    void text(HeaderSocket socket, String text);

    void closed(HeaderSocket socket, String why);
  }

  private final Channel channel;
  private volatile String closeReason = "connection closed";

  private HeaderSocket(Channel channel) {
    this.channel = channel;
  }

  /** Opens a socket to {@code uri} ({@code ws://} or {@code wss://}) on {@code loop}. */
  static HeaderSocket open(
      EventLoop loop,
      URI uri,
      Optional<SslContext> ssl,
      int maxFrameBytes,
      Duration ping,
      Duration readTimeout,
      Duration connectTimeout,
      Listener listener) {
    int port = uri.getPort() != -1 ? uri.getPort() : ssl.isPresent() ? 443 : 80;
    HeaderSocket[] self = new HeaderSocket[1];
    Bootstrap b =
        new Bootstrap()
            .group(loop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    var p = ch.pipeline();
                    ssl.ifPresent(s -> p.addLast(s.newHandler(ch.alloc(), uri.getHost(), port)));
                    p.addLast(
                        new IdleStateHandler(
                            readTimeout.toMillis(), ping.toMillis(), 0, TimeUnit.MILLISECONDS));
                    p.addLast(new HttpClientCodec());
                    p.addLast(new HttpObjectAggregator(16 * 1024));
                    p.addLast(
                        new WebSocketClientProtocolHandler(
                            WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(uri)
                                .version(WebSocketVersion.V13)
                                .customHeaders(new DefaultHttpHeaders())
                                .maxFramePayloadLength(maxFrameBytes)
                                .handshakeTimeoutMillis(connectTimeout.toMillis())
                                .handleCloseFrames(true)
                                .dropPongFrames(true)
                                .build()));
                    p.addLast(new Handler(self, listener));
                  }
                });
    ChannelFuture f = b.connect(uri.getHost(), port);
    HeaderSocket socket = new HeaderSocket(f.channel());
    self[0] = socket;
    f.addListener(
        done -> {
          if (!done.isSuccess()) {
            Throwable c = done.cause();
            socket.closeReason = "cannot connect: " + (c == null ? "unknown" : message(c));
          }
        });
    f.channel().closeFuture().addListener(x -> listener.closed(socket, socket.closeReason));
    return socket;
  }

  /** Sends one JSON-RPC request. */
  void send(String json) {
    channel.writeAndFlush(new TextWebSocketFrame(json));
  }

  /** Closes the connection, giving {@code why} to the listener. */
  void close(String why) {
    closeReason = why;
    channel.close();
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : NodeReplies.quote(m, 160);
  }

  private static final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final HeaderSocket[] self;
    private final Listener listener;

    Handler(HeaderSocket[] self, Listener listener) {
      this.self = self;
      this.listener = listener;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        listener.opened(self[0]);
      } else if (evt
          == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        self[0].close("websocket handshake timed out");
      } else if (evt instanceof IdleStateEvent idle) {
        if (idle.state() == IdleState.READER_IDLE) {
          self[0].close("node silent (no frame, not even a ping)");
        } else {
          ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER));
        }
      } else {
        super.userEventTriggered(ctx, evt);
      }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof TextWebSocketFrame text) {
        listener.text(self[0], text.text());
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      self[0].close(message(cause));
    }
  }
}
