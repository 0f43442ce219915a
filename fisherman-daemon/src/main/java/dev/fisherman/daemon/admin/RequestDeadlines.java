package dev.fisherman.daemon.admin;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines for reading one request, against slow senders: its head must be complete within {@code
 * head} of its first byte, its body within {@code body} of the head. A request that misses one is
 * answered {@code 408} and the connection closed. Two handlers share the state: {@link #wire()}
 * before the HTTP codec sees the first byte, {@link #messages()} after it sees the head and the
 * end. Between requests only the idle timeout applies. One instance per connection; every method
 * runs on its event loop.
 */
final class RequestDeadlines {
  private enum State {
    BETWEEN,
    HEAD,
    BODY,
    ANSWERING
  }

  private final long headNanos;
  private final long bodyNanos;
  private final Runnable onExpired;
  private State state = State.BETWEEN;
  private ScheduledFuture<?> timer;
  private ChannelHandlerContext messagesCtx;

  /**
   * @param onExpired counts a request that missed its deadline
   */
  RequestDeadlines(Duration head, Duration body, Runnable onExpired) {
    this.headNanos = head.toNanos();
    this.bodyNanos = body.toNanos();
    this.onExpired = onExpired;
  }

  /** Goes before the HTTP codec. */
  ChannelInboundHandlerAdapter wire() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.BETWEEN && msg instanceof ByteBuf b && b.isReadable()) {
          state = State.HEAD;
          arm(ctx, headNanos, "head");
        }
        ctx.fireChannelRead(msg);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
      }
    };
  }

  /** Goes after the HTTP codec. */
  ChannelInboundHandlerAdapter messages() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void handlerAdded(ChannelHandlerContext ctx) {
        messagesCtx = ctx;
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest && state != State.ANSWERING) {
          disarm();
          state = State.BODY;
          arm(ctx, bodyNanos, "body");
        }
        if (msg instanceof LastHttpContent && state == State.BODY) {
          disarm();
          // Read whole: the next request's clock starts with its first byte.
          state = State.BETWEEN;
        }
        ctx.fireChannelRead(msg);
      }
    };
  }

  private void arm(ChannelHandlerContext ctx, long nanos, String part) {
    disarm();
    timer = ctx.executor().schedule(() -> expire(part), nanos, TimeUnit.NANOSECONDS);
  }

  private void disarm() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void expire(String part) {
    timer = null;
    if (messagesCtx == null || !messagesCtx.channel().isActive()) {
      return;
    }
    state = State.ANSWERING;
    onExpired.run();
    long seconds = TimeUnit.NANOSECONDS.toSeconds(part.equals("head") ? headNanos : bodyNanos);
    AdminResponse error =
        AdminResponse.error(
            HttpResponseStatus.REQUEST_TIMEOUT,
            "request: " + part + " not received within " + seconds + "s",
            Optional.empty());
    messagesCtx
        .writeAndFlush(RequestLimitsHandler.closing(error))
        .addListener(ChannelFutureListener.CLOSE);
  }
}
