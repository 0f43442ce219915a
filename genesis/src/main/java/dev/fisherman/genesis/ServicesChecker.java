package dev.fisherman.genesis;

import dev.fisherman.genesis.input.Fields;
import dev.fisherman.genesis.input.JsonReader;
import dev.fisherman.genesis.input.Node;
import dev.fisherman.genesis.input.Problems;
import dev.fisherman.genesis.input.StrictReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks {@code services}: each service's id, relay template and expectations. */
final class ServicesChecker {
  static final int MAX_PATH_LENGTH = 2048;

  static final String E_SERVICES = "a non-empty array of services";
  static final String E_SERVICE = "a service object with id and relay";
  static final String E_KIND = "one of evm, cometbft, solana, jsonrpc, http";
  static final String E_RPC_TYPE = "one of json_rpc, rest, comet_bft, grpc, websocket";
  static final String E_RPC_TYPE_PROBED =
      "json_rpc, rest or comet_bft; fisherman probes over HTTP/1.1 and cannot probe grpc or"
          + " websocket endpoints";
  static final String E_SERVICE_CHAIN_ID =
      "a chain id: 1 to 128 printable ASCII characters other than space";
  static final String E_SERVICE_ID =
      "a service id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";
  static final String E_RELAY = "an object with method and path";
  static final String E_METHOD = "one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS";
  static final String E_PATH =
      "a path that starts with / and has only printable ASCII characters other than space and #,"
          + " at most "
          + MAX_PATH_LENGTH
          + " characters";
  static final String E_HEADERS = "an object of header names to string values";
  static final String E_HEADER_NAME = "an HTTP header name: letters, digits and !#$%&'*+-.^_`|~";
  static final String E_HEADER_RESERVED =
      "a header other than Host, Content-Length, Transfer-Encoding and Connection,"
          + " which the relay client sets itself";
  static final String E_HEADER_VALUE = "a string of printable ASCII characters";
  static final String E_BODY = "a JSON object or array";
  static final String E_JSONRPC_BODY =
      "a JSON-RPC request object with a string method, because expect.jsonrpc_result is true";
  static final String E_EXPECT = "an object with jsonrpc_result";
  static final String E_READS = "an object with height, block_id or chain_id";
  static final String E_READ = "an object with method, and optionally params and pointer";
  static final String E_READ_METHOD =
      "a JSON-RPC method name: 1 to 128 printable ASCII characters other than space, \" and \\";
  static final String E_READ_AT_HEIGHT =
      "params holding the height placeholder \""
          + JsonRpcReads.HEIGHT
          + "\" (a number) or \""
          + JsonRpcReads.HEIGHT_HEX
          + "\" (a hex string) as a value";
  static final String E_READ_NO_HEIGHT =
      "params without a height placeholder: only block_id is asked at a height";
  static final String E_READ_POINTER =
      "a JSON pointer into the result: \"\" for the result itself, else /-separated names such as"
          + " /hash (~0 for ~, ~1 for /)";

  static final Pattern SERVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern PATH = Pattern.compile("/[\\x21\\x22\\x24-\\x7E]*");
  private static final Pattern HEADER_VALUE = Pattern.compile("[\\t\\x20-\\x7E]*");
  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  private static final Set<String> RESERVED_HEADERS =
      Set.of("host", "content-length", "transfer-encoding", "connection");

  private static final Pattern CHAIN_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");
  private static final Pattern RPC_METHOD = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,128}");

  private final StrictReader in;
  private final Problems problems;
  private final ChecksChecker checks;

  ServicesChecker(StrictReader in, ChecksChecker checks) {
    this.in = in;
    this.problems = in.problems();
    this.checks = checks;
  }

  /** The checked services, in order; null when any failed. */
  List<Service> services(String path, Node node, CheckParams genesisChecks) {
    if (!(node instanceof Node.Arr arr) || arr.items().isEmpty()) {
      problems.value(path, node, E_SERVICES);
      return null;
    }
    List<Service> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    boolean ok = true;
    for (int i = 0; i < arr.items().size(); i++) {
      Service s = service(JsonReader.item(path, i), arr.items().get(i), seen, genesisChecks);
      ok &= s != null;
      if (s != null) {
        out.add(s);
      }
    }
    return ok ? out : null;
  }

  private Service service(
      String path, Node node, Map<String, String> seenIds, CheckParams genesisChecks) {
    Fields f = in.object(path, node, GenesisKeys.SERVICE, E_SERVICE);
    if (f == null) {
      return null;
    }
    String id =
        f.required(
            "id",
            E_SERVICE_ID,
            (p, n) -> {
              String v = in.text(p, n, SERVICE_ID, E_SERVICE_ID);
              if (v != null) {
                String before = seenIds.putIfAbsent(v, p);
                if (before != null) {
                  problems.value(p, n, "a unique service id; " + before + " is the same");
                  return null;
                }
              }
              return v;
            });
    ServiceKind kind =
        f.optional(
            "kind",
            ServiceKind.JSONRPC,
            (p, n) ->
                in.choice(p, n, ServiceKind.fromWireName(StrictReader.stringOrEmpty(n)), E_KIND));
    Optional<Node> chainNode = f.get("chain_id");
    String chainId =
        f.optional("chain_id", "", (p, n) -> in.text(p, n, CHAIN_ID, E_SERVICE_CHAIN_ID));
    RpcType rpcType =
        f.optional(
            "rpc_type",
            RpcType.JSON_RPC,
            (p, n) -> {
              RpcType t =
                  in.choice(p, n, RpcType.fromWireName(StrictReader.stringOrEmpty(n)), E_RPC_TYPE);
              if (t != null && !t.probed()) {
                problems.value(p, n, E_RPC_TYPE_PROBED);
                return null;
              }
              return t;
            });
    Optional<Node> checksNode = f.get("checks");
    CheckParams override = checks.checks(f.path("checks"), checksNode.orElse(null), genesisChecks);
    Expect fallback = kind == null ? Expect.DEFAULTS : kind.defaultExpect();
    Expect expect = f.optional("expect", fallback, (p, n) -> expect(p, n, fallback));
    Optional<JsonRpcReads> reads =
        f.optional("reads", Optional.empty(), (p, n) -> reads(p, n, kind, expect));
    boolean readsChainId = reads != null && reads.flatMap(JsonRpcReads::chainId).isPresent();
    if (kind != null
        && reads != null
        && chainId != null
        && chainNode.isPresent()
        && !kind.readsChain()
        && !readsChainId) {
      problems.value(
          f.path("chain_id"),
          chainNode.get(),
          "no chain_id with kind "
              + kind.wireName()
              + (kind == ServiceKind.JSONRPC ? " without reads.chain_id" : "")
              + "; evm, cometbft, solana and jsonrpc with reads.chain_id read one");
      chainId = null;
    }
    RelayTemplate relay;
    Optional<RelayTemplate> preset =
        kind == null ? Optional.empty() : kind.preset().or(() -> heightRequest(reads));
    if (kind == null || reads == null || preset.isPresent()) {
      // An unknown kind or bad reads are reported once; whether a relay was needed is not known.
      relay = f.optional("relay", preset.orElse(null), (p, n) -> relay(p, n, expect));
    } else {
      relay = f.required("relay", E_RELAY, (p, n) -> relay(p, n, expect));
    }
    if (id == null
        || kind == null
        || chainId == null
        || override == null
        || relay == null
        || rpcType == null
        || expect == null
        || reads == null) {
      return null;
    }
    return new Service(
        id,
        kind,
        relay,
        expect,
        chainNode.isPresent() ? Optional.of(chainId) : Optional.empty(),
        checksNode.isPresent() ? Optional.of(override) : Optional.empty(),
        rpcType,
        reads);
  }

  /** With {@code reads.height}, its request is the sampling request when no relay is given. */
  private static Optional<RelayTemplate> heightRequest(Optional<JsonRpcReads> reads) {
    if (reads == null) {
      return Optional.empty();
    }
    return reads
        .flatMap(JsonRpcReads::height)
        .map(
            h ->
                new RelayTemplate(
                    "POST",
                    "/",
                    Map.of(),
                    Optional.of(
                        "{\"jsonrpc\":\"2.0\",\"method\":\""
                            + h.method()
                            + "\",\"params\":"
                            + h.params()
                            + ",\"id\":1}")));
  }

  private Optional<JsonRpcReads> reads(String path, Node node, ServiceKind kind, Expect expect) {
    if (kind != null && kind != ServiceKind.JSONRPC) {
      problems.value(
          path,
          node,
          "no reads with kind " + kind.wireName() + "; only kind jsonrpc names its reads");
      return null;
    }
    if (expect != null && !expect.jsonrpcResult()) {
      problems.value(
          path, node, "no reads with expect.jsonrpc_result false, which leaves answers unread");
      return null;
    }
    Fields f = in.object(path, node, GenesisKeys.READS, E_READS);
    if (f == null) {
      return null;
    }
    if (f.get("height").isEmpty() && f.get("block_id").isEmpty() && f.get("chain_id").isEmpty()) {
      problems.value(path, node, E_READS);
      return null;
    }
    Optional<JsonRpcReads.Read> height =
        f.optional("height", Optional.empty(), (p, n) -> read(p, n, false));
    Optional<JsonRpcReads.Read> blockId =
        f.optional("block_id", Optional.empty(), (p, n) -> read(p, n, true));
    Optional<JsonRpcReads.Read> chain =
        f.optional("chain_id", Optional.empty(), (p, n) -> read(p, n, false));
    if (height == null || blockId == null || chain == null) {
      return null;
    }
    return Optional.of(new JsonRpcReads(height, blockId, chain));
  }

  private Optional<JsonRpcReads.Read> read(String path, Node node, boolean atHeight) {
    Fields f = in.object(path, node, GenesisKeys.READ, E_READ);
    if (f == null) {
      return null;
    }
    String method =
        f.required("method", E_READ_METHOD, (p, n) -> in.text(p, n, RPC_METHOD, E_READ_METHOD));
    Optional<Node> paramsNode = f.get("params");
    String params = f.optional("params", "[]", this::body);
    if (params != null) {
      int placeholders = paramsNode.map(n -> placeholders(f.path("params"), n)).orElse(0);
      if (placeholders < 0) {
        params = null;
      } else if (atHeight && placeholders == 0) {
        if (paramsNode.isPresent()) {
          problems.value(f.path("params"), paramsNode.get(), E_READ_AT_HEIGHT);
        } else {
          problems.missing(f.path("params"), f.start(), E_READ_AT_HEIGHT);
        }
        params = null;
      } else if (!atHeight && placeholders > 0) {
        problems.value(f.path("params"), paramsNode.get(), E_READ_NO_HEIGHT);
        params = null;
      }
    }
    String pointer =
        f.optional(
            "pointer",
            "",
            (p, n) -> {
              String v = in.text(p, n, null, E_READ_POINTER);
              if (v != null && !JsonRpcReads.Read.isPointer(v)) {
                problems.value(p, n, E_READ_POINTER);
                return null;
              }
              return v;
            });
    if (method == null || params == null || pointer == null) {
      return null;
    }
    return Optional.of(new JsonRpcReads.Read(method, params, pointer));
  }

  /**
   * How many height placeholders {@code node} holds as values; -1 after reporting one used as a
   * key, where it cannot be replaced by a number.
   */
  private int placeholders(String path, Node node) {
    if (node instanceof Node.Scalar s) {
      return s.kind() == Node.Kind.STRING
              && (s.text().equals(JsonRpcReads.HEIGHT) || s.text().equals(JsonRpcReads.HEIGHT_HEX))
          ? 1
          : 0;
    }
    int count = 0;
    if (node instanceof Node.Obj obj) {
      for (Node.Member m : obj.members()) {
        String p = JsonReader.child(path, m.key());
        if (m.key().equals(JsonRpcReads.HEIGHT) || m.key().equals(JsonRpcReads.HEIGHT_HEX)) {
          problems.key(p, m.keyPos(), "height placeholder as a key", "the placeholder as a value");
          return -1;
        }
        int c = placeholders(p, m.value());
        if (c < 0) {
          return -1;
        }
        count += c;
      }
    } else if (node instanceof Node.Arr arr) {
      for (int i = 0; i < arr.items().size(); i++) {
        int c = placeholders(JsonReader.item(path, i), arr.items().get(i));
        if (c < 0) {
          return -1;
        }
        count += c;
      }
    }
    return count;
  }

  private RelayTemplate relay(String path, Node node, Expect expect) {
    Fields f = in.object(path, node, GenesisKeys.RELAY, E_RELAY);
    if (f == null) {
      return null;
    }
    String method =
        f.required(
            "method",
            E_METHOD,
            (p, n) ->
                in.choice(
                    p,
                    n,
                    Optional.of(StrictReader.stringOrEmpty(n)).filter(METHODS::contains),
                    E_METHOD));
    String target =
        f.required(
            "path",
            E_PATH,
            (p, n) -> {
              String v = in.text(p, n, PATH, E_PATH);
              if (v != null && v.length() > MAX_PATH_LENGTH) {
                problems.value(p, n, E_PATH);
                return null;
              }
              return v;
            });
    Map<String, String> headers = f.optional("headers", Map.of(), this::headers);
    Optional<Node> bodyNode = f.get("body");
    String body = f.optional("body", "", this::body);

    if (method != null
        && body != null
        && bodyNode.isPresent()
        && (method.equals("GET") || method.equals("HEAD"))) {
      problems.value(f.path("body"), bodyNode.get(), "no body with " + method);
      body = null;
    }
    if (expect != null && expect.jsonrpcResult() && body != null) {
      if (bodyNode.isEmpty()) {
        problems.missing(f.path("body"), f.start(), E_JSONRPC_BODY);
        body = null;
      } else if (!isJsonRpcRequest(bodyNode.get())) {
        problems.value(f.path("body"), bodyNode.get(), E_JSONRPC_BODY);
        body = null;
      }
    }
    if (method == null || target == null || headers == null || body == null) {
      return null;
    }
    return new RelayTemplate(
        method, target, headers, bodyNode.isPresent() ? Optional.of(body) : Optional.empty());
  }

  private static boolean isJsonRpcRequest(Node body) {
    if (!(body instanceof Node.Obj obj)) {
      return false;
    }
    return obj.members().stream()
        .anyMatch(
            m ->
                m.key().equals("method")
                    && m.value() instanceof Node.Scalar s
                    && s.kind() == Node.Kind.STRING);
  }

  private Map<String, String> headers(String path, Node node) {
    if (!(node instanceof Node.Obj obj)) {
      problems.value(path, node, E_HEADERS);
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, String> seen = new HashMap<>();
    boolean ok = true;
    for (Node.Member m : obj.members()) {
      String p = JsonReader.child(path, m.key());
      String lower = m.key().toLowerCase(Locale.ROOT);
      if (!HEADER_NAME.matcher(m.key()).matches()) {
        problems.key(p, m.keyPos(), "invalid header name", E_HEADER_NAME);
        ok = false;
        continue;
      }
      if (RESERVED_HEADERS.contains(lower)) {
        problems.key(p, m.keyPos(), "reserved header", E_HEADER_RESERVED);
        ok = false;
        continue;
      }
      String before = seen.putIfAbsent(lower, p);
      if (before != null) {
        problems.key(
            p,
            m.keyPos(),
            "duplicate header",
            "each header once, ignoring case; " + before + " is the same");
        ok = false;
        continue;
      }
      String value = in.text(p, m.value(), HEADER_VALUE, E_HEADER_VALUE);
      if (value == null) {
        ok = false;
      } else {
        out.put(m.key(), value);
      }
    }
    return ok ? out : null;
  }

  private String body(String path, Node node) {
    if (!(node instanceof Node.Obj) && !(node instanceof Node.Arr)) {
      problems.value(path, node, E_BODY);
      return null;
    }
    // A servicer's JSON parser may keep the first or the last of two equal keys; neither is safe.
    return duplicateKeys(path, node) ? null : JsonReader.compact(node);
  }

  private boolean duplicateKeys(String path, Node node) {
    boolean found = false;
    if (node instanceof Node.Obj obj) {
      Set<String> seen = new LinkedHashSet<>();
      for (Node.Member m : obj.members()) {
        String p = JsonReader.child(path, m.key());
        if (!seen.add(m.key())) {
          problems.key(p, m.keyPos(), "duplicate key", StrictReader.E_DUPLICATE_KEY);
          found = true;
        } else {
          found |= duplicateKeys(p, m.value());
        }
      }
    } else if (node instanceof Node.Arr arr) {
      for (int i = 0; i < arr.items().size(); i++) {
        found |= duplicateKeys(JsonReader.item(path, i), arr.items().get(i));
      }
    }
    return found;
  }

  private Expect expect(String path, Node node, Expect fallback) {
    Fields f = in.object(path, node, GenesisKeys.EXPECT, E_EXPECT);
    if (f == null) {
      return null;
    }
    Boolean result = f.optional("jsonrpc_result", fallback.jsonrpcResult(), in::bool);
    return result == null ? null : new Expect(result);
  }
}
