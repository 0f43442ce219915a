package dev.fisherman.genesis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads JSON text into {@link Node}s by walking Jackson's token stream, so every value keeps its
 * line:column, and renders nodes back as text for messages and relay bodies.
 */
final class NodeReader {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /** Values longer than this are shortened in messages; a message line should stay readable. */
  private static final int MAX_SHOWN = 60;

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private NodeReader() {}

  /**
   * Parses {@code text}, which must hold exactly one JSON value.
   *
   * @throws GenesisException with one problem if the text is not JSON or has trailing content
   */
  static Node read(String text, String source) throws GenesisException {
    try (JsonParser p = FACTORY.createParser(text)) {
      Node root;
      try {
        p.nextToken();
        root = value(p);
      } catch (JsonProcessingException e) {
        // Named by the source, not a path: the parser's path is the last value it completed,
        // which misleads when the mistake is the missing comma or brace after it.
        // Constraint failures (nesting, number length) carry no location; the parser knows it.
        JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
        throw GenesisProblems.single(
            "", source + ": invalid JSON at " + pos(at) + " (" + describe(e) + ")");
      }
      try {
        JsonToken extra = p.nextToken();
        if (extra != null) {
          throw trailing(source, pos(p.currentTokenLocation()));
        }
      } catch (JsonProcessingException e) {
        throw trailing(
            source, pos(e.getLocation() != null ? e.getLocation() : p.currentLocation()));
      }
      return root;
    } catch (IOException e) {
      // Parsing a String does no I/O; anything else is a Jackson failure already handled above.
      throw new UncheckedIOException(e);
    }
  }

  private static GenesisException trailing(String source, Node.Pos at) {
    return GenesisProblems.single(
        "",
        source + ": trailing content at " + at + " (expected: nothing after the genesis object)");
  }

  private static Node value(JsonParser p) throws IOException {
    Node.Pos pos = pos(p.currentTokenLocation());
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new JsonEOFException(p, null, "Unexpected end-of-input");
    }
    return switch (t) {
      case START_OBJECT -> {
        List<Node.Member> members = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          Node.Pos keyPos = pos(p.currentTokenLocation());
          p.nextToken();
          members.add(new Node.Member(key, keyPos, value(p)));
        }
        yield new Node.Obj(pos, pos(p.currentTokenLocation()), List.copyOf(members));
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(p));
        }
        yield new Node.Arr(pos, pos(p.currentTokenLocation()), List.copyOf(items));
      }
      case VALUE_STRING -> new Node.Scalar(pos, Node.Kind.STRING, p.getText());
      case VALUE_NUMBER_INT -> new Node.Scalar(pos, Node.Kind.INTEGER, p.getText());
      case VALUE_NUMBER_FLOAT -> new Node.Scalar(pos, Node.Kind.DECIMAL, p.getText());
      case VALUE_TRUE -> new Node.Scalar(pos, Node.Kind.TRUE, "true");
      case VALUE_FALSE -> new Node.Scalar(pos, Node.Kind.FALSE, "false");
      case VALUE_NULL -> new Node.Scalar(pos, Node.Kind.NULL, "null");
      // Jackson itself rejects a key or closing marker where a value must be.
      default -> throw new IllegalStateException("token " + t + " where a value must be");
    };
  }

  private static Node.Pos pos(JsonLocation location) {
    return new Node.Pos(location.getLineNr(), location.getColumnNr());
  }

  /** Jackson's own words for what went wrong, without the source dump it appends. */
  private static String describe(JsonProcessingException e) {
    if (e instanceof JsonEOFException) {
      return "unexpected end of input";
    }
    String m = e.getOriginalMessage();
    int cut = m.indexOf('\n');
    if (cut >= 0) {
      m = m.substring(0, cut);
    }
    int marker = m.indexOf(" (start marker at");
    if (marker >= 0) {
      m = m.substring(0, marker);
    }
    // Constraint messages name the Jackson setting behind the limit, which means nothing to a user.
    return m.replaceAll(", from `[^`]*`", "").strip();
  }

  /** A key as a path segment: plain when it is a simple name, else {@code ["..."]}. */
  static String key(String key) {
    return PLAIN_KEY.matcher(key).matches() ? key : "[" + quote(key) + "]";
  }

  /** Appends {@code key} to {@code path}: {@code a.b} or {@code a["b c"]}. */
  static String child(String path, String key) {
    String k = key(key);
    return path.isEmpty() || k.startsWith("[") ? path + k : path + "." + k;
  }

  /** The JSON string literal for {@code s}. */
  static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  /** The value as written, shortened to stay on one readable line. */
  static String shown(Node node) {
    String text = compact(node);
    if (text.length() <= MAX_SHOWN) {
      return text;
    }
    return text.substring(0, MAX_SHOWN - 3) + "...";
  }

  /** The value as compact JSON, numbers exactly as written. */
  static String compact(Node node) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to a StringWriter does no I/O
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, Node node) throws IOException {
    switch (node) {
      case Node.Obj o -> {
        g.writeStartObject();
        for (Node.Member m : o.members()) {
          g.writeFieldName(m.key());
          write(g, m.value());
        }
        g.writeEndObject();
      }
      case Node.Arr a -> {
        g.writeStartArray();
        for (Node item : a.items()) {
          write(g, item);
        }
        g.writeEndArray();
      }
      case Node.Scalar s -> {
        switch (s.kind()) {
          case STRING -> g.writeString(s.text());
          case INTEGER, DECIMAL -> g.writeNumber(s.text());
          case TRUE -> g.writeBoolean(true);
          case FALSE -> g.writeBoolean(false);
          case NULL -> g.writeNull();
        }
      }
    }
  }
}
