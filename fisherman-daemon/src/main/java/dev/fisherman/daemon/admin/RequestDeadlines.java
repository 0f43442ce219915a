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
 *
 * <p>A request moves the deadline, not a timer: one timer per connection is pending at most, and
 * when it fires it either finds the current part overdue, re-arms itself for what is left, or
 * (between requests) stops. A keep-alive connection serving thousands of requests a second thus
 * schedules about one task per {@code head} period instead of two per request.
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
  private long timerAt;
  private long deadline;
  private String part;
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
          state = State.BODY;
          arm(ctx, bodyNanos, "body");
        }
        if (msg instanceof LastHttpContent && state == State.BODY) {
          // Read whole: the next request's clock starts with its first byte. A pending timer
          // finds nothing due and stops.
          state = State.BETWEEN;
        }
        ctx.fireChannelRead(msg);
      }
    };
  }

  /** The current part must be complete {@code nanos} from now. */
  private void arm(ChannelHandlerContext ctx, long nanos, String part) {
    long now = ctx.executor().ticker().nanoTime();
    this.deadline = now + nanos;
    this.part = part;
    if (timer != null && timerAt - deadline <= 0) {
      // The pending timer fires first and re-arms for the rest.
      return;
    }
    disarm();
    schedule(ctx, now, deadline);
  }

  private void schedule(ChannelHandlerContext ctx, long now, long at) {
    timerAt = at;
    timer = ctx.executor().schedule(() -> check(ctx), at - now, TimeUnit.NANOSECONDS);
  }

  private void check(ChannelHandlerContext ctx) {
    timer = null;
    if (state != State.HEAD && state != State.BODY) {
      // Between requests (or already answering): the next request's first byte arms again.
      return;
    }
    long now = ctx.executor().ticker().nanoTime();
    if (deadline - now > 0) {
      schedule(ctx, now, deadline);
      return;
    }
    expire(part);
  }

  private void disarm() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void expire(String part) {
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
