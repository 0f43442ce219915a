package dev.fisherman.daemon.source;

import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Service;
import dev.fisherman.genesis.input.Durations;
import dev.fisherman.genesis.input.Fields;
import dev.fisherman.genesis.input.JsonReader;
import dev.fisherman.genesis.input.JsonSyntaxException;
import dev.fisherman.genesis.input.Keys;
import dev.fisherman.genesis.input.Node;
import dev.fisherman.genesis.input.Problems;
import dev.fisherman.genesis.input.ServicerUrl;
import dev.fisherman.genesis.input.StrictReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one strict reader of session events, shared by the webhook and the ndjson source.
 *
 * <p>An event is a JSON object:
 *
 * <pre>{@code
 * {"session_id":"s-1","service":"eth","start_height":100,"end_height":104,"duration":"60s",
 *  "servicers":[{"address":"a","url":"http://127.0.0.1:9001"}]}
 * }</pre>
 *
 * The session starts when the event is read. Its window is {@code duration} when given, else {@code
 * (end_height - start_height) × block_time}. It is read by the project's {@link StrictReader}: the
 * body must be UTF-8; unknown keys, wrong types, trailing tokens, duplicate keys, services genesis
 * does not define and servicer URLs that break {@link ServicerUrl}'s rule are errors naming the
 * field, and the first one found is the answer.
 */
public final class SessionEventParser {
  /** Longest session window an event may ask for. */
  public static final Duration MAX_DURATION = Duration.ofHours(24);

  /** Most servicers one event may list. */
  public static final int MAX_SERVICERS = 10_000;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:~-]{0,127}");
  private static final String ID_EXPECTED =
      "1 to 128 characters of A-Z a-z 0-9 . _ : ~ -, starting with a letter or digit";
  private static final String STRING = "a string";
  private static final Keys KEYS =
      new Keys(
          List.of("session_id", "service", "start_height", "end_height", "duration", "servicers"),
          Set.of("session_id", "service", "servicers"));
  private static final Keys SERVICER_KEYS =
      new Keys(List.of("address", "url"), Set.of("address", "url"));

  /**
   * The words clients have matched since the first release, when a general JSON mapper read events;
   * kept so that a trailing token still reads the same.
   */
  private static final String TRAILING =
      "Trailing token (of type %s) found after value (bound as"
          + " `com.fasterxml.jackson.databind.JsonNode`): not allowed as per"
          + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`";

  private final Genesis genesis;
  private final InstantSource clock;

  public SessionEventParser(Genesis genesis, InstantSource clock) {
    this.genesis = Objects.requireNonNull(genesis, "genesis");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Parses one event from UTF-8 JSON; the session starts now. */
  public SessionStarted parse(byte[] json) throws InvalidSessionEventException {
    Node root;
    try {
      root = JsonReader.read(json, JsonReader.Duplicates.REFUSE);
    } catch (JsonSyntaxException e) {
      throw new InvalidSessionEventException("", "body: " + syntax(e));
    }
    try {
      return convert(new StrictReader(Problems.firstOnly("body")), root);
    } catch (Problems.Stop stop) {
      throw new InvalidSessionEventException(stop.problem().path(), stop.problem().message());
    }
  }

  /** Parses one event from JSON text; the session starts now. */
  public SessionStarted parse(String json) throws InvalidSessionEventException {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String syntax(JsonSyntaxException e) {
    String at = e.pos().map(p -> " at " + p).orElse("");
    return switch (e.kind()) {
      case NOT_UTF8 ->
          "not UTF-8 at byte offset " + e.byteOffset() + " (expected: a JSON object in UTF-8 text)";
      case EMPTY -> "empty (expected: a JSON object)";
      case INVALID -> "not valid JSON" + at + " (" + e.detail() + ")";
      case TRAILING ->
          "not valid JSON" + at + " (" + String.format(Locale.ROOT, TRAILING, e.detail()) + ")";
    };
  }

  /**
   * Reads the event in the order its rules are answered. The sink stops at the first problem, so
   * every value read after a check is one that passed it.
   */
  private SessionStarted convert(StrictReader in, Node root) {
    Problems problems = in.problems();
    if (!(root instanceof Node.Obj)) {
      problems.described("", root.pos(), kind(root), "a JSON object");
    }
    Fields f = in.object("", root, KEYS, "a JSON object");

    String sessionId = f.required("session_id", STRING, (p, n) -> id(in, p, n));
    String serviceId = f.required("service", STRING, (p, n) -> in.text(p, n, null, STRING));
    if (genesis.service(serviceId).isEmpty()) {
      problems.value(
          f.path("service"),
          f.get("service").orElseThrow(),
          "a service genesis defines: "
              + genesis.services().stream().map(Service::id).collect(Collectors.joining(", ")));
    }
    OptionalLong startHeight = height(in, f, "start_height");
    OptionalLong endHeight = height(in, f, "end_height");
    if (endHeight.isPresent()) {
      if (startHeight.isEmpty()) {
        problems.missing(f.path("start_height"), f.start(), "a height when end_height is given");
      }
      if (endHeight.getAsLong() <= startHeight.getAsLong()) {
        problems.value(
            f.path("end_height"),
            f.get("end_height").orElseThrow(),
            "> start_height " + startHeight.getAsLong());
      }
    }
    Duration window = window(in, f, startHeight, endHeight);
    List<SessionServicer> servicers = servicers(in, f);

    Instant startsAt = clock.instant();
    return new SessionStarted(
        sessionId, serviceId, startHeight, endHeight, startsAt, startsAt.plus(window), servicers);
  }

  private Duration window(
      StrictReader in, Fields f, OptionalLong startHeight, OptionalLong endHeight) {
    Optional<Node> d = f.get("duration");
    if (d.isPresent()) {
      return in.duration(
          f.path("duration"),
          d.get(),
          x -> !x.isZero() && x.compareTo(MAX_DURATION) <= 0,
          "> 0s and <= 24h");
    }
    if (endHeight.isEmpty()) {
      in.problems().missing(f.path("duration"), f.start(), "end_height or duration");
    }
    long blocks = endHeight.getAsLong() - startHeight.getAsLong();
    Duration blockTime = genesis.params().session().blockTime();
    long maxBlocks = MAX_DURATION.dividedBy(blockTime);
    if (blocks > maxBlocks) {
      in.problems()
          .value(
              f.path("end_height"),
              f.get("end_height").orElseThrow(),
              "a window of at most 24h, "
                  + maxBlocks
                  + " blocks of "
                  + Durations.format(blockTime));
    }
    return blockTime.multipliedBy(blocks);
  }

  private List<SessionServicer> servicers(StrictReader in, Fields f) {
    Problems problems = in.problems();
    Node list = f.required("servicers", "an array of {address, url}", (p, n) -> n);
    String path = f.path("servicers");
    if (!(list instanceof Node.Arr arr) || arr.items().isEmpty()) {
      problems.value(path, list, "a non-empty array");
      throw new IllegalStateException("a first-only sink stops at its first problem");
    }
    if (arr.items().size() > MAX_SERVICERS) {
      problems.described(
          path, list.pos(), arr.items().size() + " entries", "at most " + MAX_SERVICERS);
    }
    List<SessionServicer> out = new ArrayList<>(arr.items().size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < arr.items().size(); i++) {
      String at = JsonReader.item(path, i);
      Fields s = in.object(at, arr.items().get(i), SERVICER_KEYS, "an object {address, url}");
      String address = s.required("address", STRING, (p, n) -> id(in, p, n));
      if (!seen.add(address)) {
        problems.value(s.path("address"), s.get("address").orElseThrow(), "unique addresses");
      }
      URI url = s.required("url", STRING, (p, n) -> url(in, p, n));
      out.add(new SessionServicer(address, url));
    }
    return out;
  }

  /** A servicer URL under the same rule as genesis, each broken part told in its own words. */
  private URI url(StrictReader in, String path, Node node) {
    String text = in.text(path, node, null, STRING);
    if (text.length() > ServicerUrl.MAX_LENGTH) {
      in.problems()
          .described(
              path,
              node.pos(),
              text.length() + " characters",
              ServicerUrl.Violation.TOO_LONG.expected());
    }
    if (ServicerUrl.check(text) instanceof ServicerUrl.Invalid i
        && i.violation() == ServicerUrl.Violation.USER_INFO) {
      // The answer and the log line must not repeat a password.
      in.problems()
          .described(
              path,
              node.pos(),
              JsonReader.quoteShort(text.replaceFirst("//[^/?#]*@", "//***@")),
              i.violation().expected());
    }
    URI url = in.url(path, node, ServicerUrl.Violation::expected);
    genesis
        .params()
        .limits()
        .denied(url)
        .ifPresent(
            r ->
                in.problems()
                    .value(
                        path,
                        node,
                        "an address outside params.limits.deny (it lies in " + r + ")"));
    return url;
  }

  private static String id(StrictReader in, String path, Node node) {
    String text = in.text(path, node, null, STRING);
    if (!ID.matcher(text).matches()) {
      in.problems().value(path, node, ID_EXPECTED);
    }
    return text;
  }

  private static OptionalLong height(StrictReader in, Fields f, String key) {
    Long v =
        f.optional(key, null, (p, n) -> in.longInteger(p, n, 0, Long.MAX_VALUE, "an integer >= 0"));
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  private static String kind(Node node) {
    return switch (node) {
      case Node.Obj o -> "an object";
      case Node.Arr a -> "an array";
      case Node.Scalar s ->
          switch (s.kind()) {
            case STRING -> "a string";
            case INTEGER, DECIMAL -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
          };
    };
  }
}
