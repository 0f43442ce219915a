package dev.fisherman.daemon.source.cometbft;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The strict reader of what a CometBFT node and poktroll's REST API answer. Fields fisherman needs
 * must be there with the right type (int64 values as decimal strings, as the node sends them);
 * fields it does not use are ignored, since the node's replies carry many that change between
 * versions. Duplicate keys and trailing tokens are errors. Messages name the field, the value and
 * what was expected, and never quote more than a short value.
 */
final class NodeReplies {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:~-]{0,127}");
  private static final int MAX_QUOTED = 64;
  static final int MAX_SUPPLIERS = 1_000;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(64)
                          .maxStringLength(64 * 1024)
                          .build())
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private NodeReplies() {}

  /** One message on the websocket. */
  sealed interface RpcMessage {
    long id();
  }

  /** {@code {"jsonrpc":"2.0","id":N,"result":{}}}: a subscription took. */
  record Ack(long id) implements RpcMessage {}

  /** A {@code NewBlockHeader} event. */
  record Header(long id, String chainId, long height, Instant time) implements RpcMessage {}

  /** A JSON-RPC error, e.g. a cancelled subscription. */
  record RpcError(long id, int code, String message, String data) implements RpcMessage {
    boolean canceled() {
      return data.contains("subscription was canc");
    }
  }

  /** One endpoint of a supplier. */
  record Endpoint(String url, String rpcType) {}

  /** One supplier of a session, with its endpoints for the session's service. */
  record Supplier(String operatorAddress, List<Endpoint> endpoints) {}

  /** The parts of a session fisherman uses; heights come from the header as the chain gave them. */
  record ChainSession(
      String application,
      String service,
      String sessionId,
      long startHeight,
      long endHeight,
      List<Supplier> suppliers) {}

  /** A REST error body {@code {"code":N,"message":"..."}}, when it has that shape. */
  static Optional<String> errorMessage(byte[] body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n != null && n.path("message").isTextual()) {
        return Optional.of(quote(n.get("message").asText(), 200));
      }
    } catch (IOException e) {
      // not the node's error shape; the caller reports the status alone
    }
    return Optional.empty();
  }

  static RpcMessage rpc(String text) throws NodeReplyException {
    JsonNode root = tree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    object(root, "");
    String version = text(root, "", "jsonrpc");
    if (!version.equals("2.0")) {
      throw bad("jsonrpc", version, "\"2.0\"");
    }
    JsonNode idNode = root.get("id");
    long id;
    if (idNode == null || !idNode.canConvertToLong() || !idNode.isIntegralNumber()) {
      throw new NodeReplyException("id: " + show(idNode) + " (expected: the integer id we sent)");
    }
    id = idNode.asLong();
    JsonNode error = root.get("error");
    if (error != null) {
      object(error, "error");
      JsonNode code = error.get("code");
      if (code == null || !code.isInt()) {
        throw new NodeReplyException("error.code: " + show(code) + " (expected: an integer)");
      }
      String message = text(error, "error", "message");
      JsonNode data = error.get("data");
      return new RpcError(
          id, code.asInt(), message, data == null || !data.isTextual() ? "" : data.asText());
    }
    JsonNode result = root.get("result");
    if (result == null) {
      throw new NodeReplyException("result: missing (expected: a result or an error)");
    }
    object(result, "result");
    if (result.isEmpty()) {
      return new Ack(id);
    }
    String query = text(result, "result", "query");
    if (!query.equals(CometBftSource.QUERY)) {
      throw bad("result.query", query, "\"" + CometBftSource.QUERY + "\"");
    }
    JsonNode data = result.get("data");
    object(data, "result.data");
    String type = text(data, "result.data", "type");
    if (!type.equals("tendermint/event/NewBlockHeader")) {
      throw bad("result.data.type", type, "\"tendermint/event/NewBlockHeader\"");
    }
    JsonNode value = data.get("value");
    object(value, "result.data.value");
    JsonNode header = value.get("header");
    String at = "result.data.value.header";
    object(header, at);
    String chainId = text(header, at, "chain_id");
    long height = int64(header, at, "height");
    String timeText = text(header, at, "time");
    Instant time;
    try {
      time = Instant.parse(timeText);
    } catch (DateTimeParseException e) {
      throw bad(at + ".time", timeText, "an RFC 3339 time such as 2026-01-01T00:00:00.123Z");
    }
    if (height < 1) {
      throw bad(at + ".height", Long.toString(height), ">= 1");
    }
    return new Header(id, chainId, height, time);
  }

  static ChainSession session(byte[] body) throws NodeReplyException {
    JsonNode root = tree(body);
    object(root, "");
    JsonNode session = root.get("session");
    object(session, "session");
    JsonNode header = session.get("header");
    object(header, "session.header");
    String app = text(header, "session.header", "application_address");
    String service = text(header, "session.header", "service_id");
    String id = text(header, "session.header", "session_id");
    if (!ID.matcher(id).matches()) {
      throw bad("session.header.session_id", id, "1 to 128 characters of A-Z a-z 0-9 . _ : ~ -");
    }
    long start = int64(header, "session.header", "session_start_block_height");
    long end = int64(header, "session.header", "session_end_block_height");
    if (end < start) {
      throw bad(
          "session.header.session_end_block_height",
          Long.toString(end),
          ">= session_start_block_height " + start);
    }
    JsonNode suppliers = session.get("suppliers");
    if (suppliers == null || !suppliers.isArray()) {
      throw new NodeReplyException(
          "session.suppliers: " + show(suppliers) + " (expected: an array)");
    }
    if (suppliers.size() > MAX_SUPPLIERS) {
      throw bad("session.suppliers", suppliers.size() + " entries", "at most " + MAX_SUPPLIERS);
    }
    List<Supplier> out = new ArrayList<>();
    for (int i = 0; i < suppliers.size(); i++) {
      String at = "session.suppliers[" + i + "]";
      JsonNode s = suppliers.get(i);
      object(s, at);
      String operator = text(s, at, "operator_address");
      List<Endpoint> endpoints = new ArrayList<>();
      JsonNode services = s.get("services");
      if (services == null || !services.isArray()) {
        throw new NodeReplyException(at + ".services: " + show(services) + " (expected: an array)");
      }
      for (int j = 0; j < services.size(); j++) {
        String sat = at + ".services[" + j + "]";
        JsonNode svc = services.get(j);
        object(svc, sat);
        if (!text(svc, sat, "service_id").equals(service)) {
          continue;
        }
        JsonNode eps = svc.get("endpoints");
        if (eps == null || !eps.isArray()) {
          throw new NodeReplyException(sat + ".endpoints: " + show(eps) + " (expected: an array)");
        }
        for (int k = 0; k < eps.size(); k++) {
          String eat = sat + ".endpoints[" + k + "]";
          JsonNode ep = eps.get(k);
          object(ep, eat);
          endpoints.add(new Endpoint(text(ep, eat, "url"), text(ep, eat, "rpc_type")));
        }
      }
      out.add(new Supplier(operator, List.copyOf(endpoints)));
    }
    return new ChainSession(app, service, id, start, end, List.copyOf(out));
  }

  /** A URL a probe can go to, or empty when the endpoint's URL is not http(s) with a host. */
  static Optional<URI> probeUrl(String url) {
    try {
      URI u = new URI(url);
      if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
        return Optional.of(u);
      }
    } catch (URISyntaxException e) {
      // reported by the caller as an unusable endpoint
    }
    return Optional.empty();
  }

  private static JsonNode tree(byte[] body) throws NodeReplyException {
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null) {
        throw new NodeReplyException("body: empty (expected: a JSON object)");
      }
      return n;
    } catch (IOException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new NodeReplyException(
          "body: not JSON (" + quote(m.lines().findFirst().orElse(m), 160) + ")");
    }
  }

  private static void object(JsonNode n, String at) throws NodeReplyException {
    if (n == null || !n.isObject()) {
      throw new NodeReplyException(
          (at.isEmpty() ? "body" : at) + ": " + show(n) + " (expected: an object)");
    }
  }

  private static String text(JsonNode parent, String at, String key) throws NodeReplyException {
    JsonNode n = parent.get(key);
    String path = at.isEmpty() ? key : at + "." + key;
    if (n == null || !n.isTextual()) {
      throw new NodeReplyException(path + ": " + show(n) + " (expected: a string)");
    }
    if (n.asText().isEmpty()) {
      throw new NodeReplyException(path + ": \"\" (expected: a non-empty string)");
    }
    return n.asText();
  }

  private static long int64(JsonNode parent, String at, String key) throws NodeReplyException {
    JsonNode n = parent.get(key);
    String path = at + "." + key;
    if (n == null || !n.isTextual()) {
      throw new NodeReplyException(
          path + ": " + show(n) + " (expected: an int64 as a JSON string)");
    }
    try {
      long v = Long.parseLong(n.asText());
      if (v < 0 || !n.asText().equals(Long.toString(v))) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw bad(path, n.asText(), "a non-negative decimal int64 as a JSON string");
    }
  }

  private static NodeReplyException bad(String path, String value, String expected) {
    return new NodeReplyException(
        path + ": \"" + quote(value, MAX_QUOTED) + "\" (expected: " + expected + ")");
  }

  private static String show(JsonNode n) {
    if (n == null) {
      return "missing";
    }
    if (n.isTextual()) {
      return "\"" + quote(n.asText(), MAX_QUOTED) + "\"";
    }
    if (n.isContainerNode()) {
      return n.isArray() ? "an array" : "an object";
    }
    return quote(n.toString(), MAX_QUOTED);
  }

  static String quote(String s, int max) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= max ? clean : clean.substring(0, max) + "…";
  }
}
