package dev.fisherman.daemon.admin;

import dev.fisherman.daemon.metrics.DaemonMeters;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;

/**
 * The rules of HTTP/1.x the decoder leaves to the server: only HTTP/1.0 and 1.1 are spoken ({@code
 * 505} otherwise), an HTTP/1.1 request names exactly one {@code Host} ({@code 400} otherwise), and
 * {@code HEAD} is answered as {@code GET} (the server codec, which saw {@code HEAD}, drops the
 * body). A refused request closes the connection.
 */
final class RequestRulesHandler extends ChannelInboundHandlerAdapter {
  private final DaemonMeters metrics;
  private boolean refused;

  RequestRulesHandler(DaemonMeters metrics) {
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      // The rest of a refused request, or anything after it: the connection is closing.
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request) {
      AdminResponse error = check(request);
      if (error != null) {
        refused = true;
        ReferenceCountUtil.release(msg);
        metrics.adminRequest("rejected", error.status().code(), 0);
        ctx.writeAndFlush(RequestLimitsHandler.closing(error))
            .addListener(ChannelFutureListener.CLOSE);
        return;
      }
      if (request.method().equals(HttpMethod.HEAD)) {
        request.setMethod(HttpMethod.GET);
      }
    } else if (!(msg instanceof HttpContent)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private static AdminResponse check(HttpRequest request) {
    HttpVersion v = request.protocolVersion();
    if (v.majorVersion() != 1 || (v.minorVersion() != 0 && v.minorVersion() != 1)) {
      return AdminResponse.error(
          HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED,
          "version: " + Quote.of(v.text()) + " (expected: HTTP/1.0 or HTTP/1.1)",
          Optional.of("version"));
    }
    if (v.minorVersion() == 1) {
      int hosts = request.headers().getAll(HttpHeaderNames.HOST).size();
      if (hosts != 1) {
        return AdminResponse.error(
            HttpResponseStatus.BAD_REQUEST,
            "host: "
                + (hosts == 0 ? "missing" : hosts + " headers")
                + " (expected: exactly one Host header in an HTTP/1.1 request)",
            Optional.of("host"));
      }
    }
    return null;
  }
}
