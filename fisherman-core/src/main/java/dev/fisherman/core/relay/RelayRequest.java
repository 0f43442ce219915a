package dev.fisherman.core.relay;

import dev.fisherman.core.check.ResponseCheck;
import dev.fisherman.genesis.RelayTemplate;
import dev.fisherman.genesis.Service;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * One rendered relay: what every servicer of a round receives, byte for byte (only {@code Host}
 * differs). Immutable and shared by all probes of the round.
 */
public final class RelayRequest {
  private final String method;
  private final HttpMethod httpMethod;
  private final String path;
  private final List<Map.Entry<String, String>> headers;
  private final byte[] body;
  private final OptionalLong jsonRpcId;
  private final ResponseCheck check;

  RelayRequest(
      String method,
      String path,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      OptionalLong jsonRpcId,
      ResponseCheck check) {
    this.method = method;
    this.httpMethod = HttpMethod.valueOf(method);
    this.path = path;
    this.headers = headers;
    this.body = body;
    this.jsonRpcId = jsonRpcId;
    this.check = check;
  }

  /** The relay of {@code service} with JSON-RPC id {@code jsonRpcId}. */
  public static RelayRequest of(Service service, long jsonRpcId) {
    return RelayRequestTemplate.of(service).render(jsonRpcId);
  }

  /**
   * The relays of {@code service}, prepared once: each call renders a round's request with the
   * given JSON-RPC id, splicing it into pre-serialised bytes.
   */
  public static LongFunction<RelayRequest> renderer(Service service) {
    return RelayRequestTemplate.of(service)::render;
  }

  /**
   * Renders {@code relay} (a check round's request) the same way: each call splices in a round's
   * JSON-RPC id; {@code check} reads the answers.
   */
  public static LongFunction<RelayRequest> renderer(RelayTemplate relay, ResponseCheck check) {
    return RelayRequestTemplate.of(relay, check)::render;
  }

  /** The HTTP method, e.g. {@code POST}. */
  public String method() {
    return method;
  }

  /** The path appended to the servicer's URL, e.g. {@code /}. */
  public String path() {
    return path;
  }

  /** The template's extra headers. */
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /** The JSON-RPC id in the body, when the body is a JSON object. */
  public OptionalLong jsonRpcId() {
    return jsonRpcId;
  }

  /** What decides the outcome of a response to this request: the service's check. */
  public ResponseCheck check() {
    return check;
  }

  /** The body as text (empty when there is none). */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  HttpMethod httpMethod() {
    return httpMethod;
  }

  /** The body bytes; shared, never modified. */
  byte[] body() {
    return body;
  }

  @Override
  public String toString() {
    return method + " " + path + " " + bodyText();
  }

  static RelayRequest create(
      String method,
      String path,
      Map<String, String> headers,
      byte[] body,
      OptionalLong jsonRpcId,
      ResponseCheck check) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(check, "check");
    return new RelayRequest(method, path, List.copyOf(headers.entrySet()), body, jsonRpcId, check);
  }
}
