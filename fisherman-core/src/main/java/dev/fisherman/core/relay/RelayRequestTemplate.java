package dev.fisherman.core.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisherman.core.check.ResponseCheck;
import dev.fisherman.genesis.RelayTemplate;
import dev.fisherman.genesis.Service;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A service's relay template prepared once, so that rendering a round's request only splices a
 * fresh JSON-RPC {@code id} into pre-serialised bytes.
 */
final class RelayRequestTemplate {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final byte[] ID_PREFIX = "{\"id\":".getBytes(StandardCharsets.US_ASCII);

  private final String method;
  private final String path;
  private final Map<String, String> headers;
  private final ResponseCheck check;
  // When the body is a JSON object: its members without "id", as text after the opening brace
  // (",...}" or "}"), so a round renders {"id":N + rest. Otherwise null and body is sent as is.
  private final byte[] objectRest;
  private final byte[] verbatim;

  private RelayRequestTemplate(
      String method,
      String path,
      Map<String, String> headers,
      ResponseCheck check,
      byte[] objectRest,
      byte[] verbatim) {
    this.method = method;
    this.path = path;
    this.headers = headers;
    this.check = check;
    this.objectRest = objectRest;
    this.verbatim = verbatim;
  }

  /** Prepares {@code service}'s relay. */
  static RelayRequestTemplate of(Service service) {
    Objects.requireNonNull(service, "service");
    return of(service.relay(), ResponseCheck.of(service));
  }

  /** Prepares {@code relay}, whose answers {@code check} reads. */
  static RelayRequestTemplate of(RelayTemplate relay, ResponseCheck check) {
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(check, "check");
    byte[] objectRest = null;
    byte[] verbatim = new byte[0];
    if (relay.body().isPresent()) {
      String text = relay.body().get();
      JsonNode node;
      try {
        node = MAPPER.readTree(text);
      } catch (JsonProcessingException e) {
        node = null;
      }
      if (node instanceof ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove("id");
        String rest = copy.toString().substring(1);
        objectRest = ((copy.isEmpty() ? "" : ",") + rest).getBytes(StandardCharsets.UTF_8);
      } else {
        verbatim = text.getBytes(StandardCharsets.UTF_8);
      }
    }
    return new RelayRequestTemplate(
        relay.method(),
        relay.path().isEmpty() ? "/" : relay.path(),
        relay.headers(),
        check,
        objectRest,
        verbatim);
  }

  /** The request of one round, carrying JSON-RPC id {@code id} when the body is an object. */
  RelayRequest render(long id) {
    if (objectRest == null) {
      return RelayRequest.create(method, path, headers, verbatim, OptionalLong.empty(), check);
    }
    byte[] digits = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[ID_PREFIX.length + digits.length + objectRest.length];
    System.arraycopy(ID_PREFIX, 0, body, 0, ID_PREFIX.length);
    System.arraycopy(digits, 0, body, ID_PREFIX.length, digits.length);
    System.arraycopy(objectRest, 0, body, ID_PREFIX.length + digits.length, objectRest.length);
    return RelayRequest.create(method, path, headers, body, OptionalLong.of(id), check);
  }
}
