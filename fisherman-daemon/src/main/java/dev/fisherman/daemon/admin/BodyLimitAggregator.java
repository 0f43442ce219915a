package dev.fisherman.daemon.admin;

import dev.fisherman.daemon.metrics.DaemonMeters;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;

/**
 * Aggregates request bodies up to the limit and answers a larger one with a JSON {@code 413}. Like
 * Netty's aggregator it keeps a keep-alive connection open and drops the rest of the oversized
 * body, so a client that sends it anyway can still read the answer.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {
  private final DaemonMeters metrics;

  BodyLimitAggregator(int maxBodyBytes, DaemonMeters metrics) {
    super(maxBodyBytes);
    this.metrics = metrics;
  }

  private AdminResponse tooLarge() {
    return AdminResponse.error(
        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        "body: more than " + maxContentLength() + " bytes (expected: at most 1 MiB)",
        Optional.of("body"));
  }

  private FullHttpResponse tooLargeResponse(boolean close) {
    AdminResponse error = tooLarge();
    metrics.adminRequest("rejected", error.status().code(), 0);
    if (close) {
      return RequestLimitsHandler.closing(error);
    }
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, error.status(), Unpooled.wrappedBuffer(error.body()));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, error.contentType());
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, error.body().length);
    return response;
  }

  @Override
  protected Object newContinueResponse(
      HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    Object response = super.newContinueResponse(start, maxContentLength, pipeline);
    if (response instanceof FullHttpResponse r
        && r.status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
      ReferenceCountUtil.release(r);
      return tooLargeResponse(false);
    }
    return response;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    // Same rule as Netty's: the rest of the body can only be skipped on a keep-alive connection
    // whose client is not waiting for 100-continue; otherwise answer and close.
    boolean close =
        oversized instanceof FullHttpMessage
            || !ctx.channel().config().isAutoRead()
            || (!HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized));
    ctx.writeAndFlush(tooLargeResponse(close))
        .addListener(close ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
  }
}
