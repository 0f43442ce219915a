package dev.fisherman.daemon.admin;

import dev.fisherman.daemon.metrics.DaemonMeters;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;

/**
 * Answers requests the HTTP decoder could not read: {@code 414} for a request line over the URI
 * limit, {@code 431} for headers over the header limit, {@code 400} for anything else malformed.
 * The connection is closed afterwards, since the decoder cannot find the next request.
 */
final class RequestLimitsHandler extends ChannelInboundHandlerAdapter {
  private final DaemonMeters metrics;
  private boolean failed;

  RequestLimitsHandler(DaemonMeters metrics) {
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (failed) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
      failed = true;
      DecoderResult result = http.decoderResult();
      ReferenceCountUtil.release(msg);
      reject(ctx, result.cause());
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private void reject(ChannelHandlerContext ctx, Throwable cause) {
    AdminResponse error;
    if (cause instanceof TooLongHttpLineException) {
      error =
          AdminResponse.error(
              HttpResponseStatus.REQUEST_URI_TOO_LONG,
              "uri: longer than " + AdminServerInitializer.MAX_URI_BYTES + " bytes",
              Optional.of("uri"));
    } else if (cause instanceof TooLongHttpHeaderException) {
      error =
          AdminResponse.error(
              HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
              "headers: more than " + AdminServerInitializer.MAX_HEADER_BYTES + " bytes",
              Optional.of("headers"));
    } else {
      error =
          AdminResponse.error(
              HttpResponseStatus.BAD_REQUEST,
              "request: not valid HTTP/1.1 (" + cause.getMessage() + ")",
              Optional.empty());
    }
    metrics.adminRequest("rejected", error.status().code(), 0);
    ctx.writeAndFlush(closing(error)).addListener(ChannelFutureListener.CLOSE);
  }

  static FullHttpResponse closing(AdminResponse error) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, error.status(), Unpooled.wrappedBuffer(error.body()));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, error.contentType());
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, error.body().length);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return response;
  }
}
