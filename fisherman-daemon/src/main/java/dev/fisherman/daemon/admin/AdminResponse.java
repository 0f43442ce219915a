package dev.fisherman.daemon.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What an endpoint answers: status, content type, body and extra headers. */
record AdminResponse(
    HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {

  static final String JSON = "application/json; charset=utf-8";

  AdminResponse {
    headers = Map.copyOf(headers);
  }

  static AdminResponse json(HttpResponseStatus status, JsonNode body) {
    try {
      byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
      byte[] withNewline = new byte[bytes.length + 1];
      System.arraycopy(bytes, 0, withNewline, 0, bytes.length);
      withNewline[bytes.length] = '\n';
      return new AdminResponse(status, JSON, withNewline, Map.of());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AdminResponse ok(JsonNode body) {
    return json(HttpResponseStatus.OK, body);
  }

  /** The error body every failure uses: {@code {"error": "...", "field": "..."}}. */
  static AdminResponse error(HttpResponseStatus status, String message, Optional<String> field) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("error", message);
    if (field.isPresent()) {
      body.put("field", field.get());
    } else {
      body.putNull("field");
    }
    return json(status, body);
  }

  static AdminResponse text(HttpResponseStatus status, String contentType, String body) {
    return new AdminResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  AdminResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new AdminResponse(status, contentType, body, h);
  }
}
