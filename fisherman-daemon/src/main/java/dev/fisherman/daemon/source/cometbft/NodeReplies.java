package dev.fisherman.daemon.source.cometbft;

import dev.fisherman.genesis.input.Fields;
import dev.fisherman.genesis.input.JsonReader;
import dev.fisherman.genesis.input.JsonSyntaxException;
import dev.fisherman.genesis.input.Node;
import dev.fisherman.genesis.input.Problems;
import dev.fisherman.genesis.input.ServicerUrl;
import dev.fisherman.genesis.input.StrictReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a CometBFT node and poktroll's REST API answer, read by the project's {@link StrictReader}.
 * Fields fisherman needs must be there with the right type (int64 values as decimal strings, as the
 * node sends them); fields it does not read are ignored ({@link StrictReader#reply}), since the
 * node's replies gain fields between versions. Duplicate keys and trailing tokens are errors. The
 * first problem is the answer: {@code path: value (expected: ...)}, the value escaped and short.
 */
final class NodeReplies {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:~-]{0,127}");
  private static final Pattern INT64 = Pattern.compile("0|[1-9][0-9]{0,18}");
  private static final Pattern NON_EMPTY = Pattern.compile("(?s).+");
  private static final String OBJECT = "an object";
  private static final String ARRAY = "an array";
  private static final String STRING = "a non-empty string";
  private static final String INT64_EXPECTED = "a non-negative int64 as a JSON string";
  static final int MAX_SUPPLIERS = 1_000;

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

  /**
   * An application's gateway delegations: {@code delegatee_gateway_addresses}, and the gateways in
   * {@code pending_undelegations}, which still count until the session in progress ends.
   */
  record Delegations(String application, Set<String> delegatees, Set<String> undelegating) {
    /** Whether {@code gateway} may sign for the application in the session in progress. */
    boolean allows(String gateway) {
      return delegatees.contains(gateway) || undelegating.contains(gateway);
    }
  }

  /** An {@code application/{address}} answer. */
  static Delegations delegations(byte[] body) throws NodeReplyException {
    Node root = tree(body);
    try {
      StrictReader in = new StrictReader(Problems.firstOnly("body"));
      Fields f = in.reply("", root, OBJECT);
      Fields app = f.required("application", OBJECT, (p, n) -> in.reply(p, n, OBJECT));
      String address = app.required("address", STRING, (p, n) -> in.text(p, n, NON_EMPTY, STRING));
      Set<String> delegatees =
          app.optional(
              "delegatee_gateway_addresses", Set.<String>of(), (p, n) -> strings(in, p, n));
      Set<String> undelegating = new LinkedHashSet<>();
      Optional<Node> pending = app.get("pending_undelegations");
      if (pending.isPresent()
          && !(pending.get() instanceof Node.Scalar s && s.kind() == Node.Kind.NULL)) {
        Fields heights = in.reply(app.path("pending_undelegations"), pending.get(), OBJECT);
        if (pending.get() instanceof Node.Obj obj) {
          for (Node.Member m : obj.members()) {
            String height = m.key();
            Fields list = heights.required(height, OBJECT, (p, n) -> in.reply(p, n, OBJECT));
            undelegating.addAll(
                list.optional("gateway_addresses", Set.<String>of(), (p, n) -> strings(in, p, n)));
          }
        }
      }
      return new Delegations(address, delegatees, Set.copyOf(undelegating));
    } catch (Problems.Stop stop) {
      throw new NodeReplyException(stop.problem().message());
    }
  }

  /**
   * An {@code accounts/{address}} answer: the compressed public key, base64 in {@code
   * account.pub_key.key}; empty for an account that never signed ({@code pub_key} null).
   */
  static Optional<byte[]> publicKey(byte[] body) throws NodeReplyException {
    Node root = tree(body);
    try {
      StrictReader in = new StrictReader(Problems.firstOnly("body"));
      Fields f = in.reply("", root, OBJECT);
      Fields account = f.required("account", OBJECT, (p, n) -> in.reply(p, n, OBJECT));
      Optional<Node> pub = account.get("pub_key");
      if (pub.isEmpty() || pub.get() instanceof Node.Scalar s && s.kind() == Node.Kind.NULL) {
        return Optional.empty();
      }
      Fields key = in.reply(account.path("pub_key"), pub.get(), OBJECT);
      String base64 = "a base64 compressed secp256k1 key";
      byte[] bytes =
          key.required(
              "key",
              base64,
              (p, n) -> {
                try {
                  byte[] b = Base64.getDecoder().decode(StrictReader.stringOrEmpty(n));
                  if (b.length == 33) {
                    return b;
                  }
                } catch (IllegalArgumentException e) {
                  // reported below
                }
                in.problems().value(p, n, base64);
                return null;
              });
      return Optional.of(bytes);
    } catch (Problems.Stop stop) {
      throw new NodeReplyException(stop.problem().message());
    }
  }

  private static Set<String> strings(StrictReader in, String path, Node n) {
    Node.Arr arr = array(in, path, n);
    if (arr == null) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < arr.items().size(); i++) {
      out.add(in.text(JsonReader.item(path, i), arr.items().get(i), NON_EMPTY, STRING));
    }
    return Set.copyOf(out);
  }

  private static Node tree(byte[] body) throws NodeReplyException {
    try {
      return JsonReader.read(body, JsonReader.Duplicates.REFUSE);
    } catch (JsonSyntaxException e) {
      throw syntax(e);
    }
  }

  /** A REST error body {@code {"code":N,"message":"..."}}, when it has that shape. */
  static Optional<String> errorMessage(byte[] body) {
    try {
      Node root = JsonReader.read(body, JsonReader.Duplicates.KEEP);
      StrictReader in = new StrictReader(Problems.firstOnly("body"));
      Fields f = in.reply("", root, OBJECT);
      return Optional.of(
          quote(f.required("message", STRING, (p, n) -> in.text(p, n, NON_EMPTY, STRING)), 200));
    } catch (JsonSyntaxException | Problems.Stop e) {
      return Optional.empty(); // not the node's error shape; the caller reports the status alone
    }
  }

  /** One websocket message: a subscription's ack, a header event or an error. */
  static RpcMessage rpc(String text) throws NodeReplyException {
    Node root = tree(text);
    try {
      return rpc(new StrictReader(Problems.firstOnly("body")), root);
    } catch (Problems.Stop stop) {
      throw new NodeReplyException(stop.problem().message());
    }
  }

  private static RpcMessage rpc(StrictReader in, Node root) {
    Fields f = in.reply("", root, OBJECT);
    f.required("jsonrpc", "\"2.0\"", (p, n) -> in.text(p, n, Pattern.compile("2\\.0"), "\"2.0\""));
    long id =
        f.required(
            "id",
            "the integer id we sent",
            (p, n) -> in.longInteger(p, n, 0, Long.MAX_VALUE, "the integer id we sent"));
    Optional<Node> error = f.get("error");
    if (error.isPresent()) {
      Fields e = in.reply("error", error.get(), OBJECT);
      int code =
          e.required(
              "code",
              "an integer",
              (p, n) -> in.integer(p, n, Integer.MIN_VALUE, Integer.MAX_VALUE, "an integer"));
      String message = e.required("message", "a string", (p, n) -> in.text(p, n, null, "a string"));
      String data = e.get("data").map(StrictReader::stringOrEmpty).orElse("");
      return new RpcError(id, code, message, data);
    }
    Fields result = f.required("result", "a result or an error", (p, n) -> in.reply(p, n, OBJECT));
    if (((Node.Obj) f.get("result").orElseThrow()).members().isEmpty()) {
      return new Ack(id);
    }
    String query = "\"" + CometBftSource.QUERY + "\"";
    result.required(
        "query",
        query,
        (p, n) -> in.text(p, n, Pattern.compile(Pattern.quote(CometBftSource.QUERY)), query));
    Fields data = result.required("data", OBJECT, (p, n) -> in.reply(p, n, OBJECT));
    String type = "\"tendermint/event/NewBlockHeader\"";
    data.required(
        "type",
        type,
        (p, n) -> in.text(p, n, Pattern.compile("tendermint/event/NewBlockHeader"), type));
    Fields value = data.required("value", OBJECT, (p, n) -> in.reply(p, n, OBJECT));
    Fields header = value.required("header", OBJECT, (p, n) -> in.reply(p, n, OBJECT));
    String chainId =
        header.required("chain_id", STRING, (p, n) -> in.text(p, n, NON_EMPTY, STRING));
    long height = header.required("height", ">= 1 as a JSON string", (p, n) -> int64(in, p, n, 1));
    String rfc3339 = "an RFC 3339 time such as 2026-01-01T00:00:00.123Z";
    Instant time =
        header.required(
            "time",
            rfc3339,
            (p, n) -> in.choice(p, n, instant(StrictReader.stringOrEmpty(n)), rfc3339));
    return new Header(id, chainId, height, time);
  }

  /** A {@code get_session} answer. */
  static ChainSession session(byte[] body) throws NodeReplyException {
    Node root;
    try {
      root = JsonReader.read(body, JsonReader.Duplicates.REFUSE);
    } catch (JsonSyntaxException e) {
      throw syntax(e);
    }
    try {
      return session(new StrictReader(Problems.firstOnly("body")), root);
    } catch (Problems.Stop stop) {
      throw new NodeReplyException(stop.problem().message());
    }
  }

  private static ChainSession session(StrictReader in, Node root) {
    Fields f = in.reply("", root, OBJECT);
    Fields session = f.required("session", OBJECT, (p, n) -> in.reply(p, n, OBJECT));
    Fields header = session.required("header", OBJECT, (p, n) -> in.reply(p, n, OBJECT));
    String app =
        header.required("application_address", STRING, (p, n) -> in.text(p, n, NON_EMPTY, STRING));
    String service =
        header.required("service_id", STRING, (p, n) -> in.text(p, n, NON_EMPTY, STRING));
    String idExpected = "1 to 128 characters of A-Z a-z 0-9 . _ : ~ -";
    String id = header.required("session_id", idExpected, (p, n) -> in.text(p, n, ID, idExpected));
    long start =
        header.required("session_start_block_height", INT64_EXPECTED, (p, n) -> int64(in, p, n, 0));
    long end =
        header.required("session_end_block_height", INT64_EXPECTED, (p, n) -> int64(in, p, n, 0));
    if (end < start) {
      header.blame("session_end_block_height", "", ">= session_start_block_height " + start);
    }
    Node.Arr suppliers = session.required("suppliers", ARRAY, (p, n) -> array(in, p, n));
    if (suppliers.items().size() > MAX_SUPPLIERS) {
      in.problems()
          .described(
              "session.suppliers",
              suppliers.pos(),
              suppliers.items().size() + " entries",
              "at most " + MAX_SUPPLIERS);
    }
    List<Supplier> out = new ArrayList<>();
    for (int i = 0; i < suppliers.items().size(); i++) {
      Fields s =
          in.reply(JsonReader.item("session.suppliers", i), suppliers.items().get(i), OBJECT);
      String operator =
          s.required("operator_address", STRING, (p, n) -> in.text(p, n, NON_EMPTY, STRING));
      Node.Arr services = s.required("services", ARRAY, (p, n) -> array(in, p, n));
      List<Endpoint> endpoints = new ArrayList<>();
      for (int j = 0; j < services.items().size(); j++) {
        Fields svc =
            in.reply(JsonReader.item(s.path("services"), j), services.items().get(j), OBJECT);
        String serviceId =
            svc.required("service_id", STRING, (p, n) -> in.text(p, n, NON_EMPTY, STRING));
        if (!serviceId.equals(service)) {
          continue;
        }
        Node.Arr eps = svc.required("endpoints", ARRAY, (p, n) -> array(in, p, n));
        for (int k = 0; k < eps.items().size(); k++) {
          Fields ep =
              in.reply(JsonReader.item(svc.path("endpoints"), k), eps.items().get(k), OBJECT);
          endpoints.add(
              new Endpoint(
                  ep.required("url", STRING, (p, n) -> in.text(p, n, NON_EMPTY, STRING)),
                  ep.required("rpc_type", STRING, (p, n) -> in.text(p, n, NON_EMPTY, STRING))));
        }
      }
      out.add(new Supplier(operator, List.copyOf(endpoints)));
    }
    return new ChainSession(app, service, id, start, end, List.copyOf(out));
  }

  /**
   * The URL a probe goes to, by the one servicer URL rule ({@link ServicerUrl}), or the rule it
   * breaks.
   */
  static ServicerUrl.Result probeUrl(String url) {
    return ServicerUrl.check(url);
  }

  private static Node tree(String text) throws NodeReplyException {
    try {
      return JsonReader.read(text, JsonReader.Duplicates.REFUSE);
    } catch (JsonSyntaxException e) {
      throw syntax(e);
    }
  }

  private static NodeReplyException syntax(JsonSyntaxException e) {
    String at = e.pos().map(p -> " at " + p).orElse("");
    return new NodeReplyException(
        switch (e.kind()) {
          case NOT_UTF8 -> "body: not UTF-8 at byte offset " + e.byteOffset() + " (expected: JSON)";
          case EMPTY -> "body: empty (expected: a JSON object)";
          case INVALID -> "body: not valid JSON" + at + " (" + quote(e.detail(), 160) + ")";
          case TRAILING -> "body: trailing " + e.detail() + at + " (expected: one JSON value)";
        });
  }

  private static Node.Arr array(StrictReader in, String path, Node n) {
    if (n instanceof Node.Arr a) {
      return a;
    }
    in.problems().value(path, n, ARRAY);
    return null;
  }

  private static Long int64(StrictReader in, String path, Node n, long min) {
    String expected = min == 0 ? INT64_EXPECTED : ">= " + min + " as a JSON string";
    String text = in.text(path, n, INT64, expected);
    long v;
    try {
      v = Long.parseLong(text);
    } catch (NumberFormatException e) {
      in.problems().value(path, n, expected);
      return null;
    }
    if (v < min) {
      in.problems().value(path, n, expected);
      return null;
    }
    return v;
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code s} escaped to one printable line and cut at {@code max} characters. */
  static String quote(String s, int max) {
    String clean = JsonReader.escape(s);
    return clean.length() <= max ? clean : clean.substring(0, max) + "...";
  }
}
