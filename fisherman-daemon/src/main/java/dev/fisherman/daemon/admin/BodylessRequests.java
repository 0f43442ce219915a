package dev.fisherman.daemon.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Passes a request that has no body on as a whole request as soon as its end is read, so that the
 * aggregator after it lets it by: most admin requests (every {@code GET}) have no body, and the
 * aggregator would make a composite buffer, a request wrapping it and a {@code Content-Length}
 * header for each. A request with a length, a transfer coding or {@code Expect} goes to the
 * aggregator as before, which keeps its size limit and its {@code 100-continue} rules.
 */
final class BodylessRequests extends ChannelInboundHandlerAdapter {
  /** A head without a body, held until its end (the decoder passes both in the same read). */
  private HttpRequest head;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (head != null) {
      HttpRequest held = head;
      head = null;
      if (msg instanceof LastHttpContent last
          && !last.content().isReadable()
          && last.trailingHeaders().isEmpty()
          && last.decoderResult().isSuccess()) {
        last.release();
        ctx.fireChannelRead(
            new DefaultFullHttpRequest(
                held.protocolVersion(),
                held.method(),
                held.uri(),
                Unpooled.EMPTY_BUFFER,
                held.headers(),
                EmptyHttpHeaders.INSTANCE));
        return;
      }
      ctx.fireChannelRead(held);
    }
    if (msg instanceof HttpRequest request
        && !(msg instanceof HttpContent)
        && request.decoderResult().isSuccess()
        && bodyless(request.headers())) {
      head = request;
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    // A head whose end never came: hand it on so that the aggregator sees the request cut short.
    if (head != null) {
      HttpRequest held = head;
      head = null;
      ctx.fireChannelRead(held);
    }
    ctx.fireChannelInactive();
  }

  private static boolean bodyless(HttpHeaders headers) {
    return !headers.contains(HttpHeaderNames.CONTENT_LENGTH)
        && !headers.contains(HttpHeaderNames.TRANSFER_ENCODING)
        && !headers.contains(HttpHeaderNames.EXPECT);
  }
}
