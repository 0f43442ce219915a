package dev.fisherman.core.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A relay as HTTP/1.1 bytes, in two parts: the head of one servicer (request line and {@code Host},
 * which differ per servicer) and the rest (the template's headers, {@code Content-Type}, {@code
 * Content-Length} and the body), which is the same for every servicer of a round. The rest is
 * encoded once per round into one buffer that every connection writes a retained duplicate of. A
 * protocol whose bytes differ per servicer (signed relays) encodes the rest per probe instead.
 */
final class RequestWire {
  private static final byte[] CRLF = {'\r', '\n'};

  private RequestWire() {}

  /** {@code METHOD target HTTP/1.1\r\nhost: host\r\n}. */
  static byte[] head(String method, String target, String host) {
    return (method + " " + target + " HTTP/1.1\r\nhost: " + host + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The rest of {@code request} in a direct buffer from {@code alloc}, which the caller releases:
   * headers, the blank line, the body; {@code close} adds {@code connection: close}.
   */
  static ByteBuf rest(ByteBufAllocator alloc, RelayRequest request, boolean close) {
    return rest(alloc, request.headers(), request.body(), close);
  }

  /**
   * The rest of a request with {@code fields} and {@code body}, as {@link #rest(ByteBufAllocator,
   * RelayRequest, boolean)}.
   */
  static ByteBuf rest(
      ByteBufAllocator alloc, List<Map.Entry<String, String>> fields, byte[] body, boolean close) {
    StringBuilder headers = new StringBuilder(128);
    boolean contentType = false;
    for (Map.Entry<String, String> e : fields) {
      headers.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
      contentType |= e.getKey().equalsIgnoreCase("content-type");
    }
    if (body.length > 0 && !contentType) {
      headers.append("content-type: application/json\r\n");
    }
    headers.append("content-length: ").append(body.length).append("\r\n");
    if (close) {
      headers.append("connection: close\r\n");
    }
    byte[] head = headers.toString().getBytes(StandardCharsets.US_ASCII);
    ByteBuf buf = alloc.directBuffer(head.length + CRLF.length + body.length);
    return buf.writeBytes(head).writeBytes(CRLF).writeBytes(body);
  }
}
