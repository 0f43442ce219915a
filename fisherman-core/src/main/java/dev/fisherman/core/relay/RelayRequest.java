package dev.fisherman.core.relay;

import dev.fisherman.core.check.ResponseCheck;
import dev.fisherman.core.envelope.Probe;
import dev.fisherman.core.envelope.RelayEnvelope;
import dev.fisherman.core.envelope.Wrapped;
import dev.fisherman.genesis.RelayTemplate;
import dev.fisherman.genesis.Service;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * One rendered relay: what every servicer of a round receives, byte for byte (only {@code Host}
 * differs), unless it travels inside a relay protocol's envelope ({@link #within}), which wraps it
 * for each servicer. Immutable and shared by all probes of the round.
 */
public final class RelayRequest {
  private final String method;
  private final HttpMethod httpMethod;
  private final String path;
  private final List<Map.Entry<String, String>> headers;
  private final byte[] body;
  private final OptionalLong jsonRpcId;
  private final ResponseCheck check;
  // Null when the relay travels as it is; else what each servicer gets (a Wrapped, or why not).
  private final RelayEnvelope envelope;
  private final Map<String, Object> wrapped;

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
    this.envelope = null;
    this.wrapped = Map.of();
  }

  private RelayRequest(RelayRequest plain, RelayEnvelope envelope, Map<String, Object> wrapped) {
    this.method = plain.method;
    this.httpMethod = plain.httpMethod;
    this.path = plain.path;
    this.headers = plain.headers;
    this.body = plain.body;
    this.jsonRpcId = plain.jsonRpcId;
    this.check = plain.check;
    this.envelope = envelope;
    this.wrapped = wrapped;
  }

  /**
   * This relay inside {@code envelope}, wrapped now for each of {@code servicers} (their requests
   * differ: a Shannon relay names its supplier and is signed for it). A servicer the envelope
   * cannot wrap for is refused when probed, saying why; a URL of no servicer (a canary) gets the
   * relay as it is.
   */
  public RelayRequest within(RelayEnvelope envelope, List<String> servicers) {
    Objects.requireNonNull(envelope, "envelope");
    if (envelope.direct()) {
      return this;
    }
    Probe probe = new Probe(method, path, headers, body);
    Map<String, Object> out = new HashMap<>(servicers.size() * 2);
    for (String servicer : servicers) {
      try {
        envelope.wrap(servicer, probe).ifPresent(w -> out.put(servicer, w));
      } catch (RuntimeException e) {
        out.put(servicer, "not wrapped for " + envelope.name() + ": " + e.getMessage());
      }
    }
    return new RelayRequest(this, envelope, out);
  }

  /** The envelope the answers of wrapped probes are read with; null for a direct relay. */
  RelayEnvelope envelope() {
    return envelope;
  }

  /** What {@code servicer} is sent: a {@link Wrapped}, a reason it cannot be, or null (as is). */
  Object wrappedFor(String servicer) {
    return wrapped.isEmpty() ? null : wrapped.get(servicer);
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
