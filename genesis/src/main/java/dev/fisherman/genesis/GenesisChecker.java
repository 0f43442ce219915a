package dev.fisherman.genesis;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Turns a parsed genesis document into a {@link Genesis}, or collects every problem in it. Each
 * field is checked on its own first; cross-field rules run only on values that passed.
 *
 * <p>Internally a {@code null} result means "absent or already reported"; it never leaves here.
 */
final class GenesisChecker {
  static final int MAX_BLOCKS_PER_SESSION = 1_000_000;
  static final Duration MAX_BLOCK_TIME = Duration.ofHours(24);
  static final int MAX_PROBES_PER_SESSION = 10_000;
  static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
  static final int MAX_RETENTION_SESSIONS = 1_000;
  static final int MAX_PATH_LENGTH = 2048;

  static final String E_GENESIS = "a JSON genesis object";
  static final String E_CHAIN_ID =
      "a chain id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";
  static final String E_PARAMS = "an object with session and qos";
  static final String E_SESSION = "an object with blocks_per_session and block_time";
  static final String E_QOS = "an object of sampling parameters";
  static final String E_BLOCKS = "an integer from 1 to " + MAX_BLOCKS_PER_SESSION;
  static final String E_BLOCK_TIME = "a duration > 0 and at most 24h";
  static final String E_POSITIVE_DURATION = "a duration > 0";
  static final String E_PROBES = "an integer from 1 to " + MAX_PROBES_PER_SESSION;
  static final String E_DISTRIBUTION = "one of stratified, uniform, poisson, fixed";
  static final String E_FRACTION = "a number from 0 to 1";
  static final String E_MIN_SAMPLES = "an integer from 1 to " + MAX_PROBES_PER_SESSION;
  static final String E_CONNECTION = "one of reuse, fresh";
  static final String E_MAX_RESPONSE = "an integer from 1 to " + MAX_RESPONSE_BYTES;
  static final String E_RETENTION = "an integer from 0 to " + MAX_RETENTION_SESSIONS;
  static final String E_SERVICES = "a non-empty array of services";
  static final String E_SERVICE = "a service object with id and relay";
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
  static final String E_BOOLEAN = "true or false";
  static final String E_SERVICERS = "an array of servicers";
  static final String E_SERVICER = "a servicer object with address, url and services";
  static final String E_ADDRESS =
      "a servicer address: 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or"
          + " digit";
  static final String E_URL =
      "an http or https URL with a host and no path, query or fragment,"
          + " such as http://127.0.0.1:9101";
  static final String E_SERVICER_SERVICES = "a non-empty array of service ids";
  static final String E_DUPLICATE_KEY = "each key at most once";

  private static final Pattern CHAIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern SERVICE_ID = CHAIN_ID;
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern PATH = Pattern.compile("/[\\x21\\x22\\x24-\\x7E]*");
  private static final Pattern HEADER_VALUE = Pattern.compile("[\\t\\x20-\\x7E]*");
  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  private static final Set<String> RESERVED_HEADERS =
      Set.of("host", "content-length", "transfer-encoding", "connection");

  private final GenesisProblems problems;

  private GenesisChecker(String source) {
    this.problems = new GenesisProblems(source);
  }

  /** Checks the document {@code root} read from {@code source}. */
  static Genesis check(Node root, String source) throws GenesisException {
    return new GenesisChecker(source).genesis(root);
  }

  private Genesis genesis(Node root) throws GenesisException {
    Fields top = object("", root, GenesisKeys.ROOT, E_GENESIS);
    if (top == null) {
      problems.throwIfAny();
      throw new IllegalStateException("a non-object root is always a problem");
    }
    String chainId =
        top.required("chain_id", E_CHAIN_ID, (p, n) -> text(p, n, CHAIN_ID, E_CHAIN_ID));
    Params params = top.required("params", E_PARAMS, this::params);
    List<ServiceDraft> services = top.required("services", E_SERVICES, this::services);
    List<Servicer> servicers =
        top.optional("servicers", List.<Servicer>of(), (p, n) -> servicers(p, n, services));
    problems.throwIfAny();
    return new Genesis(
        chainId, params, services.stream().map(ServiceDraft::service).toList(), servicers);
  }

  // ---- params ---------------------------------------------------------------------------------

  private Params params(String path, Node node) {
    Fields f = object(path, node, GenesisKeys.PARAMS, E_PARAMS);
    if (f == null) {
      return null;
    }
    SessionParams session = f.required("session", E_SESSION, this::session);
    Node.Pos qosOrder = f.get("qos").map(Node::pos).orElse(f.end());
    Optional<Node> qosNode = f.get("qos");
    QosParams qos;
    if (qosNode.isPresent()) {
      qos = qos(f.path("qos"), qosNode.get(), session);
    } else {
      qos = qosFrom(f.path("qos"), null, qosOrder, session);
    }
    return session == null || qos == null ? null : new Params(session, qos);
  }

  private SessionParams session(String path, Node node) {
    Fields f = object(path, node, GenesisKeys.SESSION, E_SESSION);
    if (f == null) {
      return null;
    }
    Integer blocks =
        f.required(
            "blocks_per_session",
            E_BLOCKS,
            (p, n) -> integer(p, n, 1, MAX_BLOCKS_PER_SESSION, E_BLOCKS));
    Duration blockTime =
        f.required(
            "block_time",
            Durations.EXPECTED,
            (p, n) ->
                duration(
                    p, n, d -> d.isPositive() && d.compareTo(MAX_BLOCK_TIME) <= 0, E_BLOCK_TIME));
    return blocks == null || blockTime == null ? null : new SessionParams(blocks, blockTime);
  }

  private QosParams qos(String path, Node node, SessionParams session) {
    Fields f = object(path, node, GenesisKeys.QOS, E_QOS);
    if (f == null) {
      return null;
    }
    return qosFrom(path, f, f.end(), session);
  }

  /** Reads {@code params.qos} from {@code f}, or takes every default when it is absent. */
  private QosParams qosFrom(String path, Fields f, Node.Pos absentOrder, SessionParams session) {
    QosParams d = QosParams.DEFAULTS;
    Fields q = f != null ? f : new Fields(path, absentOrder, absentOrder, Map.of());
    Integer probes =
        q.optional(
            "probes_per_session",
            d.probesPerSession(),
            (p, n) -> integer(p, n, 1, MAX_PROBES_PER_SESSION, E_PROBES));
    Distribution distribution =
        q.optional(
            "distribution",
            d.distribution(),
            (p, n) -> choice(p, n, Distribution.fromWireName(stringOrEmpty(n)), E_DISTRIBUTION));
    Duration startDelay =
        q.optional("start_delay", d.startDelay(), (p, n) -> duration(p, n, x -> true, ""));
    Duration relayTimeout =
        q.optional(
            "relay_timeout",
            d.relayTimeout(),
            (p, n) -> duration(p, n, Duration::isPositive, E_POSITIVE_DURATION));
    Duration highLatency =
        q.optional(
            "high_latency",
            d.highLatency(),
            (p, n) -> duration(p, n, Duration::isPositive, E_POSITIVE_DURATION));
    Double minAvailability = q.optional("min_availability", d.minAvailability(), this::fraction);
    Integer minSamples =
        q.optional(
            "min_samples",
            d.minSamples(),
            (p, n) -> integer(p, n, 1, MAX_PROBES_PER_SESSION, E_MIN_SAMPLES));
    ConnectionMode connection =
        q.optional(
            "connection",
            d.connection(),
            (p, n) -> choice(p, n, ConnectionMode.fromWireName(stringOrEmpty(n)), E_CONNECTION));
    Integer maxResponseBytes =
        q.optional(
            "max_response_bytes",
            d.maxResponseBytes(),
            (p, n) -> integer(p, n, 1, MAX_RESPONSE_BYTES, E_MAX_RESPONSE));
    Integer retention =
        q.optional(
            "retention_sessions",
            d.retentionSessions(),
            (p, n) -> integer(p, n, 0, MAX_RETENTION_SESSIONS, E_RETENTION));

    if (session != null) {
      Duration window = session.sessionLength();
      String inWindow =
          "shorter than the session window, "
              + session.blocksPerSession()
              + " x "
              + Durations.format(session.blockTime())
              + " = "
              + Durations.format(window);
      if (startDelay != null && startDelay.compareTo(window) >= 0) {
        q.blame("start_delay", Durations.format(startDelay), inWindow);
      }
      if (relayTimeout != null && relayTimeout.compareTo(window) >= 0) {
        q.blame("relay_timeout", Durations.format(relayTimeout), inWindow);
      }
    }
    if (highLatency != null && relayTimeout != null && highLatency.compareTo(relayTimeout) >= 0) {
      q.blame(
          "high_latency",
          Durations.format(highLatency),
          "shorter than relay_timeout, " + Durations.format(relayTimeout));
    }
    if (minSamples != null && probes != null && minSamples > probes) {
      q.blame("min_samples", minSamples.toString(), "at most probes_per_session, " + probes);
    }
    if (probes == null
        || distribution == null
        || startDelay == null
        || relayTimeout == null
        || highLatency == null
        || minAvailability == null
        || minSamples == null
        || connection == null
        || maxResponseBytes == null
        || retention == null) {
      return null;
    }
    return new QosParams(
        probes,
        distribution,
        startDelay,
        relayTimeout,
        highLatency,
        minAvailability,
        minSamples,
        connection,
        maxResponseBytes,
        retention);
  }

  // ---- services -------------------------------------------------------------------------------

  /** A checked service plus where its id was written, for duplicate messages. */
  private record ServiceDraft(Service service, String idPath) {}

  private List<ServiceDraft> services(String path, Node node) {
    if (!(node instanceof Node.Arr arr) || arr.items().isEmpty()) {
      problems.value(path, node, E_SERVICES);
      return null;
    }
    List<ServiceDraft> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    boolean ok = true;
    for (int i = 0; i < arr.items().size(); i++) {
      String itemPath = path + "[" + i + "]";
      ServiceDraft s = service(itemPath, arr.items().get(i), seen);
      ok &= s != null;
      if (s != null) {
        out.add(s);
      }
    }
    return ok ? out : null;
  }

  private ServiceDraft service(String path, Node node, Map<String, String> seenIds) {
    Fields f = object(path, node, GenesisKeys.SERVICE, E_SERVICE);
    if (f == null) {
      return null;
    }
    String id =
        f.required(
            "id",
            E_SERVICE_ID,
            (p, n) -> {
              String v = text(p, n, SERVICE_ID, E_SERVICE_ID);
              if (v != null) {
                String before = seenIds.putIfAbsent(v, p);
                if (before != null) {
                  problems.value(p, n, "a unique service id; " + before + " is the same");
                  return null;
                }
              }
              return v;
            });
    Expect expect = f.optional("expect", Expect.DEFAULTS, this::expect);
    RelayTemplate relay = f.required("relay", E_RELAY, (p, n) -> relay(p, n, expect));
    if (id == null || relay == null || expect == null) {
      return null;
    }
    return new ServiceDraft(new Service(id, relay, expect), f.path("id"));
  }

  private RelayTemplate relay(String path, Node node, Expect expect) {
    Fields f = object(path, node, GenesisKeys.RELAY, E_RELAY);
    if (f == null) {
      return null;
    }
    String method =
        f.required(
            "method",
            E_METHOD,
            (p, n) ->
                choice(p, n, Optional.of(stringOrEmpty(n)).filter(METHODS::contains), E_METHOD));
    String target =
        f.required(
            "path",
            E_PATH,
            (p, n) -> {
              String v = text(p, n, PATH, E_PATH);
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
      String p = NodeReader.child(path, m.key());
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
      String value = text(p, m.value(), HEADER_VALUE, E_HEADER_VALUE);
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
    return duplicateKeys(path, node) ? null : NodeReader.compact(node);
  }

  private boolean duplicateKeys(String path, Node node) {
    boolean found = false;
    if (node instanceof Node.Obj obj) {
      Set<String> seen = new LinkedHashSet<>();
      for (Node.Member m : obj.members()) {
        String p = NodeReader.child(path, m.key());
        if (!seen.add(m.key())) {
          problems.key(p, m.keyPos(), "duplicate key", E_DUPLICATE_KEY);
          found = true;
        } else {
          found |= duplicateKeys(p, m.value());
        }
      }
    } else if (node instanceof Node.Arr arr) {
      for (int i = 0; i < arr.items().size(); i++) {
        found |= duplicateKeys(path + "[" + i + "]", arr.items().get(i));
      }
    }
    return found;
  }

  private Expect expect(String path, Node node) {
    Fields f = object(path, node, GenesisKeys.EXPECT, E_EXPECT);
    if (f == null) {
      return null;
    }
    Boolean result = f.optional("jsonrpc_result", Expect.DEFAULTS.jsonrpcResult(), this::bool);
    return result == null ? null : new Expect(result);
  }

  // ---- servicers ------------------------------------------------------------------------------

  private List<Servicer> servicers(String path, Node node, List<ServiceDraft> services) {
    if (!(node instanceof Node.Arr arr)) {
      problems.value(path, node, E_SERVICERS);
      return null;
    }
    List<Servicer> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    boolean ok = true;
    for (int i = 0; i < arr.items().size(); i++) {
      Servicer s = servicer(path + "[" + i + "]", arr.items().get(i), seen, services);
      ok &= s != null;
      if (s != null) {
        out.add(s);
      }
    }
    return ok ? out : null;
  }

  private Servicer servicer(
      String path, Node node, Map<String, String> seenAddresses, List<ServiceDraft> services) {
    Fields f = object(path, node, GenesisKeys.SERVICER, E_SERVICER);
    if (f == null) {
      return null;
    }
    String address =
        f.required(
            "address",
            E_ADDRESS,
            (p, n) -> {
              String v = text(p, n, ADDRESS, E_ADDRESS);
              if (v != null) {
                String before = seenAddresses.putIfAbsent(v, p);
                if (before != null) {
                  problems.value(p, n, "a unique servicer address; " + before + " is the same");
                  return null;
                }
              }
              return v;
            });
    URI url = f.required("url", E_URL, this::url);
    List<String> served =
        f.required("services", E_SERVICER_SERVICES, (p, n) -> servedServices(p, n, services));
    if (address == null || url == null || served == null) {
      return null;
    }
    return new Servicer(address, url, served);
  }

  private URI url(String path, Node node) {
    String text = text(path, node, null, E_URL);
    if (text == null) {
      return null;
    }
    try {
      URI u = new URI(text);
      boolean ok =
          ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
              && u.getHost() != null
              && u.getRawUserInfo() == null
              && (u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))
              && u.getRawQuery() == null
              && u.getRawFragment() == null
              && (u.getPort() == -1 || (u.getPort() >= 1 && u.getPort() <= 65_535));
      if (ok) {
        return u;
      }
    } catch (URISyntaxException e) {
      // reported below, in the same words as every other bad URL
    }
    problems.value(path, node, E_URL);
    return null;
  }

  /**
   * The services a servicer serves; each must be in {@code services}. When {@code services} itself
   * failed, ids are checked only for shape so one mistake is not reported twice.
   */
  private List<String> servedServices(String path, Node node, List<ServiceDraft> services) {
    if (!(node instanceof Node.Arr arr) || arr.items().isEmpty()) {
      problems.value(path, node, E_SERVICER_SERVICES);
      return null;
    }
    List<String> known =
        services == null ? null : services.stream().map(s -> s.service().id()).toList();
    String expectedKnown =
        known == null
            ? E_SERVICE_ID
            : "a service id defined in services: " + String.join(", ", known);
    List<String> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    boolean ok = true;
    for (int i = 0; i < arr.items().size(); i++) {
      String p = path + "[" + i + "]";
      Node item = arr.items().get(i);
      String id = text(p, item, null, expectedKnown);
      if (id == null) {
        ok = false;
      } else if (known != null && !known.contains(id)) {
        problems.value(p, item, expectedKnown);
        ok = false;
      } else if (seen.putIfAbsent(id, p) != null) {
        problems.value(p, item, "each service once; " + seen.get(id) + " is the same");
        ok = false;
      } else {
        out.add(id);
      }
    }
    return ok ? out : null;
  }

  // ---- scalar readers -------------------------------------------------------------------------

  /** A string matching {@code pattern} (any string when it is null). */
  private String text(String path, Node node, Pattern pattern, String expected) {
    if (node instanceof Node.Scalar s
        && s.kind() == Node.Kind.STRING
        && (pattern == null || pattern.matcher(s.text()).matches())) {
      return s.text();
    }
    problems.value(path, node, expected);
    return null;
  }

  private static String stringOrEmpty(Node node) {
    return node instanceof Node.Scalar s && s.kind() == Node.Kind.STRING ? s.text() : "";
  }

  private <T> T choice(String path, Node node, Optional<T> parsed, String expected) {
    if (parsed.isPresent() && node instanceof Node.Scalar s && s.kind() == Node.Kind.STRING) {
      return parsed.get();
    }
    problems.value(path, node, expected);
    return null;
  }

  private Integer integer(String path, Node node, int min, int max, String expected) {
    if (node instanceof Node.Scalar s && s.kind() == Node.Kind.INTEGER) {
      BigInteger v = new BigInteger(s.text());
      if (v.compareTo(BigInteger.valueOf(min)) >= 0 && v.compareTo(BigInteger.valueOf(max)) <= 0) {
        return v.intValueExact();
      }
    }
    problems.value(path, node, expected);
    return null;
  }

  private Double fraction(String path, Node node) {
    if (node instanceof Node.Scalar s
        && (s.kind() == Node.Kind.INTEGER || s.kind() == Node.Kind.DECIMAL)) {
      BigDecimal v = new BigDecimal(s.text());
      if (v.signum() >= 0 && v.compareTo(BigDecimal.ONE) <= 0) {
        return v.doubleValue();
      }
    }
    problems.value(path, node, E_FRACTION);
    return null;
  }

  private Boolean bool(String path, Node node) {
    if (node instanceof Node.Scalar s
        && (s.kind() == Node.Kind.TRUE || s.kind() == Node.Kind.FALSE)) {
      return s.kind() == Node.Kind.TRUE;
    }
    problems.value(path, node, E_BOOLEAN);
    return null;
  }

  /** A duration; a well-formed one outside {@code range} is told {@code rangeExpected}. */
  private Duration duration(
      String path, Node node, Predicate<Duration> range, String rangeExpected) {
    if (node instanceof Node.Scalar s && s.kind() == Node.Kind.STRING) {
      Duration d;
      try {
        d = Durations.parse(s.text());
      } catch (IllegalArgumentException e) {
        problems.value(path, node, Durations.EXPECTED);
        return null;
      }
      if (range.test(d)) {
        return d;
      }
      problems.value(path, node, rangeExpected);
      return null;
    }
    problems.value(path, node, Durations.EXPECTED);
    return null;
  }

  // ---- objects --------------------------------------------------------------------------------

  /**
   * Checks that {@code node} is an object with only {@code shape}'s keys, each once, reporting
   * every unknown and duplicate key; returns its fields, or null when it is not an object.
   */
  private Fields object(String path, Node node, GenesisKeys.Shape shape, String expected) {
    if (!(node instanceof Node.Obj obj)) {
      problems.value(path, node, expected);
      return null;
    }
    Map<String, Node.Member> first = new HashMap<>();
    for (Node.Member m : obj.members()) {
      String p = NodeReader.child(path, m.key());
      if (!shape.keys().contains(m.key())) {
        problems.key(p, m.keyPos(), "unknown key", shape.oneOf());
      } else if (first.putIfAbsent(m.key(), m) != null) {
        problems.key(p, m.keyPos(), "duplicate key", E_DUPLICATE_KEY);
      }
    }
    return new Fields(path, obj.pos(), obj.end(), first);
  }

  /** The known fields of one object (first occurrence of each key), or of an absent one. */
  private final class Fields {
    private final String path;
    private final Node.Pos end;
    private final Node.Pos start;
    private final Map<String, Node.Member> first;

    /**
     * {@code start} orders the object's missing keys (before its contents' problems), {@code end}
     * orders problems of its defaulted values (where they would have been written).
     */
    Fields(String path, Node.Pos start, Node.Pos end, Map<String, Node.Member> first) {
      this.path = path;
      this.start = start;
      this.end = end;
      this.first = first;
    }

    Node.Pos start() {
      return start;
    }

    String path(String key) {
      return NodeReader.child(path, key);
    }

    Node.Pos end() {
      return end;
    }

    Optional<Node> get(String key) {
      return Optional.ofNullable(first.get(key)).map(Node.Member::value);
    }

    <T> T required(String key, String expected, BiFunction<String, Node, T> reader) {
      Node.Member m = first.get(key);
      if (m == null) {
        problems.missing(path(key), start, expected);
        return null;
      }
      return reader.apply(path(key), m.value());
    }

    <T> T optional(String key, T fallback, BiFunction<String, Node, T> reader) {
      Node.Member m = first.get(key);
      return m == null ? fallback : reader.apply(path(key), m.value());
    }

    /** A value that passed on its own breaks a cross-field rule. */
    void blame(String key, String shownIfDefault, String expected) {
      Node.Member m = first.get(key);
      if (m == null) {
        problems.defaulted(path(key), end, shownIfDefault, expected);
      } else {
        problems.value(path(key), m.value(), expected);
      }
    }
  }
}
