package dev.fisherman.daemon.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.genesis.Durations;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Service;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * (end_height - start_height) × block_time}. Unknown keys, wrong types, trailing tokens, duplicate
 * keys and services genesis does not define are errors naming the field.
 */
public final class SessionEventParser {
  /** Longest session window an event may ask for. */
  public static final Duration MAX_DURATION = Duration.ofHours(24);

  /** Most servicers one event may list. */
  public static final int MAX_SERVICERS = 10_000;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:~-]{0,127}");
  private static final String ID_EXPECTED =
      "1 to 128 characters of A-Z a-z 0-9 . _ : ~ -, starting with a letter or digit";
  private static final int MAX_URL_LENGTH = 2048;
  private static final List<String> KEYS =
      List.of("session_id", "service", "start_height", "end_height", "duration", "servicers");
  private static final List<String> SERVICER_KEYS = List.of("address", "url");

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // Never echo the client's bytes back in messages or logs.
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  private final Genesis genesis;
  private final InstantSource clock;

  public SessionEventParser(Genesis genesis, InstantSource clock) {
    this.genesis = Objects.requireNonNull(genesis, "genesis");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Parses one event from UTF-8 JSON; the session starts now. */
  public SessionStarted parse(byte[] json) throws InvalidSessionEventException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidSessionEventException("", "body: " + jsonProblem(e));
    } catch (IOException e) {
      throw new InvalidSessionEventException("", "body: unreadable (" + e.getMessage() + ")");
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidSessionEventException("", "body: empty (expected: a JSON object)");
    }
    return convert(root);
  }

  /** Parses one event from JSON text; the session starts now. */
  public SessionStarted parse(String json) throws InvalidSessionEventException {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private SessionStarted convert(JsonNode root) throws InvalidSessionEventException {
    if (!root.isObject()) {
      throw new InvalidSessionEventException(
          "", "body: " + kind(root) + " (expected: a JSON object)");
    }
    rejectUnknownKeys(root, "", KEYS);

    String sessionId = id(root, "session_id", "session_id");
    String serviceId = requiredString(root, "service", "service");
    if (genesis.service(serviceId).isEmpty()) {
      throw new InvalidSessionEventException(
          "service",
          "service: "
              + quote(serviceId)
              + " (expected: a service genesis defines: "
              + genesis.services().stream().map(Service::id).collect(Collectors.joining(", "))
              + ")");
    }
    OptionalLong startHeight = height(root, "start_height");
    OptionalLong endHeight = height(root, "end_height");
    if (endHeight.isPresent()) {
      if (startHeight.isEmpty()) {
        throw new InvalidSessionEventException(
            "start_height", "start_height: missing (expected: a height when end_height is given)");
      }
      if (endHeight.getAsLong() <= startHeight.getAsLong()) {
        throw new InvalidSessionEventException(
            "end_height",
            "end_height: "
                + endHeight.getAsLong()
                + " (expected: > start_height "
                + startHeight.getAsLong()
                + ")");
      }
    }
    Duration window = window(root, startHeight, endHeight);
    List<SessionServicer> servicers = servicers(root);

    Instant startsAt = clock.instant();
    return new SessionStarted(
        sessionId, serviceId, startHeight, endHeight, startsAt, startsAt.plus(window), servicers);
  }

  private Duration window(JsonNode root, OptionalLong startHeight, OptionalLong endHeight)
      throws InvalidSessionEventException {
    JsonNode d = root.get("duration");
    if (d != null) {
      if (!d.isTextual()) {
        throw new InvalidSessionEventException(
            "duration", "duration: " + d + " (expected: " + Durations.EXPECTED + ")");
      }
      Duration parsed;
      try {
        parsed = Durations.parse(d.asText());
      } catch (IllegalArgumentException e) {
        throw new InvalidSessionEventException("duration", "duration: " + e.getMessage());
      }
      if (parsed.isZero() || parsed.compareTo(MAX_DURATION) > 0) {
        throw new InvalidSessionEventException(
            "duration", "duration: " + quote(d.asText()) + " (expected: > 0s and <= 24h)");
      }
      return parsed;
    }
    if (endHeight.isEmpty()) {
      throw new InvalidSessionEventException(
          "duration", "duration: missing (expected: end_height or duration)");
    }
    long blocks = endHeight.getAsLong() - startHeight.getAsLong();
    Duration blockTime = genesis.params().session().blockTime();
    if (blocks > MAX_DURATION.dividedBy(blockTime)) {
      throw new InvalidSessionEventException(
          "end_height",
          "end_height: "
              + endHeight.getAsLong()
              + " (expected: a window of at most 24h, "
              + MAX_DURATION.dividedBy(blockTime)
              + " blocks of "
              + Durations.format(blockTime)
              + ")");
    }
    return blockTime.multipliedBy(blocks);
  }

  private List<SessionServicer> servicers(JsonNode root) throws InvalidSessionEventException {
    JsonNode list = root.get("servicers");
    if (list == null) {
      throw new InvalidSessionEventException(
          "servicers", "servicers: missing (expected: an array of {address, url})");
    }
    if (!list.isArray() || list.isEmpty()) {
      throw new InvalidSessionEventException(
          "servicers", "servicers: " + abbreviate(list) + " (expected: a non-empty array)");
    }
    if (list.size() > MAX_SERVICERS) {
      throw new InvalidSessionEventException(
          "servicers",
          "servicers: " + list.size() + " entries (expected: at most " + MAX_SERVICERS + ")");
    }
    List<SessionServicer> out = new ArrayList<>(list.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "servicers[" + i + "]";
      JsonNode s = list.get(i);
      if (!s.isObject()) {
        throw new InvalidSessionEventException(
            at, at + ": " + abbreviate(s) + " (expected: an object {address, url})");
      }
      rejectUnknownKeys(s, at + ".", SERVICER_KEYS);
      String address = id(s, "address", at + ".address");
      if (!seen.add(address)) {
        throw new InvalidSessionEventException(
            at + ".address", at + ".address: " + quote(address) + " (expected: unique addresses)");
      }
      out.add(new SessionServicer(address, url(s, at + ".url")));
    }
    return out;
  }

  private static URI url(JsonNode s, String path) throws InvalidSessionEventException {
    String text = requiredString(s, "url", path);
    String expected = " (expected: an http or https URL with a host)";
    if (text.length() > MAX_URL_LENGTH) {
      throw new InvalidSessionEventException(
          path,
          path + ": " + text.length() + " characters (expected: at most " + MAX_URL_LENGTH + ")");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new InvalidSessionEventException(path, path + ": " + quote(text) + expected);
    }
    String scheme = uri.getScheme();
    if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
      throw new InvalidSessionEventException(path, path + ": " + quote(text) + expected);
    }
    return uri;
  }

  private static String id(JsonNode node, String key, String path)
      throws InvalidSessionEventException {
    String text = requiredString(node, key, path);
    if (!ID.matcher(text).matches()) {
      throw new InvalidSessionEventException(
          path, path + ": " + quote(text) + " (expected: " + ID_EXPECTED + ")");
    }
    return text;
  }

  private static String requiredString(JsonNode node, String key, String path)
      throws InvalidSessionEventException {
    JsonNode v = node.get(key);
    if (v == null) {
      throw new InvalidSessionEventException(path, path + ": missing (expected: a string)");
    }
    if (!v.isTextual()) {
      throw new InvalidSessionEventException(
          path, path + ": " + abbreviate(v) + " (expected: a string)");
    }
    return v.asText();
  }

  private static OptionalLong height(JsonNode root, String key)
      throws InvalidSessionEventException {
    JsonNode v = root.get(key);
    if (v == null) {
      return OptionalLong.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
      throw new InvalidSessionEventException(
          key, key + ": " + abbreviate(v) + " (expected: an integer >= 0)");
    }
    return OptionalLong.of(v.asLong());
  }

  private static void rejectUnknownKeys(JsonNode object, String prefix, List<String> known)
      throws InvalidSessionEventException {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      String key = it.next().getKey();
      if (!known.contains(key)) {
        String path = prefix + key;
        throw new InvalidSessionEventException(
            path, path + ": unknown key (expected: one of " + String.join(", ", known) + ")");
      }
    }
  }

  private static String jsonProblem(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    for (String cut : new String[] {"\n", " (start marker", " at [Source"}) {
      int at = message.indexOf(cut);
      if (at >= 0) {
        message = message.substring(0, at);
      }
    }
    var at = e.getLocation();
    String where = at == null ? "" : " at " + at.getLineNr() + ":" + at.getColumnNr();
    return "not valid JSON" + where + " (" + message + ")";
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "a value";
    };
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  private static String quote(String text) {
    String shown = text.length() <= 60 ? text : text.substring(0, 57) + "...";
    // JSON string syntax escapes quotes and control characters, so a log line stays one line.
    return TextNode.valueOf(shown).toString();
  }
}
