package dev.fisherman.core.relay;

import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;

/**
 * Decodes a relay connection's responses. Requests are written as bytes ({@link RequestWire}), not
 * through an HTTP encoder, so the exchange tells the decoder the method it sent: the answer to a
 * {@code HEAD} has no body whatever its headers say.
 */
final class ResponseDecoder extends HttpResponseDecoder {
  private HttpMethod method = HttpMethod.GET;

  ResponseDecoder(int maxInitialLineLength, int maxHeaderSize, int maxChunkSize) {
    super(maxInitialLineLength, maxHeaderSize, maxChunkSize);
  }

  /** The method of the request whose response comes next. */
  void expect(HttpMethod method) {
    this.method = method;
  }

  @Override
  protected boolean isContentAlwaysEmpty(HttpMessage msg) {
    if (HttpMethod.HEAD.equals(method) && ((HttpResponse) msg).status().code() != 100) {
      return true;
    }
    return super.isContentAlwaysEmpty(msg);
  }
}
