package dev.fisherman.core.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a relay connection: hands decoded response parts to the exchange using the
 * connection, releases every message, and closes a connection that talks when nobody asked.
 */
final class ProbeHandler extends ChannelInboundHandlerAdapter {
  private final Endpoint endpoint;
  final WireStamps stamps;
  // Told the method of each request, for the answer to a HEAD; null when the test pipeline has
  // none.
  final ResponseDecoder decoder;
  private Exchange current;
  // The connection carried a whole answer: idle later, it is a kept-alive connection.
  boolean carried;

  ProbeHandler(Endpoint endpoint, Exchange first, WireStamps stamps, ResponseDecoder decoder) {
    this.endpoint = endpoint;
    this.current = first;
    this.stamps = stamps;
    this.decoder = decoder;
  }

  ProbeHandler(Endpoint endpoint, Exchange first) {
    this(endpoint, first, new WireStamps(endpoint.client.clock), null);
  }

  void attach(Exchange exchange) {
    current = exchange;
  }

  void detach(Exchange exchange) {
    if (current == exchange) {
      current = null;
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      Exchange x = current;
      if (x == null) {
        // Bytes nobody asked for: the connection can no longer be trusted for framing.
        ctx.close();
        return;
      }
      x.onMessage(ctx.channel(), msg);
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    endpoint.forget(ctx.channel());
    Exchange x = current;
    current = null;
    if (x != null) {
      x.onClosed();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Exchange x = current;
    current = null;
    if (x != null) {
      x.fail(cause);
    }
    ctx.close();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      if (current == null) {
        ctx.close();
      }
    } else if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
      Exchange x = current;
      current = null;
      if (x != null) {
        x.fail(done.cause());
      }
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }
}
