package dev.fisherman.daemon.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.fisherman.daemon.api.ApiError;
import dev.fisherman.daemon.api.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.stream.ChunkedInput;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an endpoint answers: status, content type, body and extra headers; or, for a body too large
 * to hold, a stream written in chunks ({@code body} is then empty).
 */
record AdminResponse(
    HttpResponseStatus status,
    String contentType,
    byte[] body,
    Map<String, String> headers,
    Optional<ChunkedInput<ByteBuf>> stream) {

  static final String JSON = "application/json; charset=utf-8";

  AdminResponse {
    headers = Map.copyOf(headers);
    java.util.Objects.requireNonNull(stream, "stream");
  }

  AdminResponse(
      HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
    this(status, contentType, body, headers, Optional.empty());
  }

  /** {@code 200} with a body written chunk by chunk from {@code stream}, which is closed after. */
  static AdminResponse stream(String contentType, ChunkedInput<ByteBuf> stream) {
    return new AdminResponse(
        HttpResponseStatus.OK, contentType, new byte[0], Map.of(), Optional.of(stream));
  }

  /** {@code body}, a record of the wire model, as JSON with a trailing newline. */
  static AdminResponse json(HttpResponseStatus status, Object body) {
    try {
      byte[] bytes = Wire.writer().writeValueAsBytes(body);
      byte[] withNewline = new byte[bytes.length + 1];
      System.arraycopy(bytes, 0, withNewline, 0, bytes.length);
      withNewline[bytes.length] = '\n';
      return new AdminResponse(status, JSON, withNewline, Map.of());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AdminResponse ok(Object body) {
    return json(HttpResponseStatus.OK, body);
  }

  /** The error body every failure uses: {@code {"error": "...", "field": "..."}}. */
  static AdminResponse error(HttpResponseStatus status, String message, Optional<String> field) {
    return json(status, new ApiError(message, field));
  }

  static AdminResponse text(HttpResponseStatus status, String contentType, String body) {
    return new AdminResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  AdminResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new AdminResponse(status, contentType, body, h, stream);
  }
}
