package dev.fisherman.genesis.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads JSON text into {@link Node}s by walking Jackson's token stream, so every value keeps its
 * line:column, and renders values back for messages: escaped the way JSON escapes strings, plus
 * every other control, format and separator character, so a message line can never hold a raw
 * newline, a terminal escape or a bidirectional override, whatever the input was.
 */
public final class JsonReader {
  /**
   * Whether a key written twice in one object fails reading or is kept for the checks to report.
   */
  public enum Duplicates {
    /** Every member is kept, in order; {@link StrictReader#object} reports the second one. */
    KEEP,
    /** The first duplicate fails reading as {@link JsonSyntaxException.Kind#INVALID}. */
    REFUSE
  }

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private static final JsonFactory REFUSING_DUPLICATES =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // Never echo the input's bytes back in messages or logs.
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  /** Writes values for messages: JSON, with every invisible or line-breaking character escaped. */
  private static final JsonFactory SHOWING =
      new JsonFactoryBuilder().characterEscapes(new MessageEscapes()).build();

  /** Values longer than this are shortened in messages; a message line should stay readable. */
  private static final int MAX_SHOWN = 60;

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private static final String DUPLICATE_FIELD = "Duplicate field '";

  private JsonReader() {}

  /**
   * Decodes {@code bytes} as strict UTF-8: malformed and overlong sequences (such as {@code C0
   * 80}), unpaired surrogates, NUL bytes and so UTF-16 text are refused. A leading byte order mark
   * is kept ({@link #read} allows one).
   *
   * @throws JsonSyntaxException of kind {@link JsonSyntaxException.Kind#NOT_UTF8} with the offset
   *     of the first bad byte
   */
  public static String decodeUtf8(byte[] bytes) throws JsonSyntaxException {
    int nul = -1;
    for (int i = 0; i < bytes.length && nul < 0; i++) {
      if (bytes[i] == 0) {
        nul = i;
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    String text;
    try {
      text = decoder.decode(in).toString();
    } catch (CharacterCodingException e) {
      // The decoder stops at the first bad sequence, so the buffer's position is its offset;
      // report whichever comes first, it or a NUL byte.
      throw notUtf8(nul >= 0 ? Math.min(nul, in.position()) : in.position());
    }
    if (nul >= 0) {
      throw notUtf8(nul);
    }
    return text;
  }

  private static JsonSyntaxException notUtf8(long offset) {
    return new JsonSyntaxException(JsonSyntaxException.Kind.NOT_UTF8, null, offset, "");
  }

  /** {@link #read(String, Duplicates)} of {@link #decodeUtf8 strict UTF-8} bytes. */
  public static Node read(byte[] utf8, Duplicates duplicates) throws JsonSyntaxException {
    return read(decodeUtf8(utf8), duplicates);
  }

  /**
   * Parses {@code text}, which must hold exactly one JSON value (a leading byte order mark is
   * allowed).
   *
   * @throws JsonSyntaxException if the text is blank, not JSON or has trailing content
   */
  public static Node read(String text, Duplicates duplicates) throws JsonSyntaxException {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (body.isBlank()) {
      throw new JsonSyntaxException(JsonSyntaxException.Kind.EMPTY, null, -1, "");
    }
    JsonFactory factory = duplicates == Duplicates.REFUSE ? REFUSING_DUPLICATES : FACTORY;
    try (JsonParser p = factory.createParser(body)) {
      Node root;
      try {
        p.nextToken();
        root = value(p);
      } catch (JsonProcessingException e) {
        // Constraint failures (nesting, number length) carry no location; the parser knows it.
        JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
        throw new JsonSyntaxException(JsonSyntaxException.Kind.INVALID, pos(at), -1, describe(e));
      }
      Node.Pos at;
      JsonToken extra;
      try {
        extra = p.nextToken();
        at = pos(p.currentTokenLocation());
      } catch (JsonProcessingException e) {
        extra = JsonToken.NOT_AVAILABLE;
        at = pos(e.getLocation() != null ? e.getLocation() : p.currentLocation());
      }
      if (extra != null) {
        throw new JsonSyntaxException(JsonSyntaxException.Kind.TRAILING, at, -1, extra.name());
      }
      return root;
    } catch (IOException e) {
      // Parsing a String does no I/O; anything else is a Jackson failure already handled above.
      throw new UncheckedIOException(e);
    }
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

  /** Jackson's own words for what went wrong, without the source dump it appends, escaped. */
  private static String describe(JsonProcessingException e) {
    if (e instanceof JsonEOFException) {
      return "unexpected end of input";
    }
    String m = e.getOriginalMessage();
    if (m.startsWith(DUPLICATE_FIELD) && m.endsWith("'")) {
      // The key itself is input: escape it like any other value shown.
      String key = m.substring(DUPLICATE_FIELD.length(), m.length() - 1);
      return DUPLICATE_FIELD + escape(key) + "'";
    }
    for (String cut : new String[] {"\n", " (start marker at", " at [Source"}) {
      int at = m.indexOf(cut);
      if (at >= 0) {
        m = m.substring(0, at);
      }
    }
    // Constraint messages name the Jackson setting behind the limit, which means nothing to a user.
    return escape(m.replaceAll(", from `[^`]*`", "").strip());
  }

  /** A key as a path segment: plain when it is a simple name, else {@code ["..."]}. */
  public static String key(String key) {
    return PLAIN_KEY.matcher(key).matches() ? key : "[" + quote(key) + "]";
  }

  /** Appends {@code key} to {@code path}: {@code a.b} or {@code a["b c"]}. */
  public static String child(String path, String key) {
    String k = key(key);
    return path.isEmpty() || k.startsWith("[") ? path + k : path + "." + k;
  }

  /** Appends an array index to {@code path}: {@code a[2]}. */
  public static String item(String path, int index) {
    return path + "[" + index + "]";
  }

  /** The JSON string literal for {@code s}, every invisible character escaped. */
  public static String quote(String s) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = SHOWING.createGenerator(out)) {
      g.writeString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to a StringWriter does no I/O
    }
    return out.toString();
  }

  /** {@code s} with every invisible character escaped as in {@link #quote}, without quotes. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7F || MessageEscapes.invisible(c)) {
            out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** {@link #quote} shortened to stay on one readable line. */
  public static String quoteShort(String s) {
    String shown = s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN - 3) + "...";
    return quote(shown);
  }

  /** The value as written, escaped and shortened to stay on one readable line. */
  public static String shown(Node node) {
    String text = write(SHOWING, node);
    if (text.length() <= MAX_SHOWN) {
      return text;
    }
    return text.substring(0, MAX_SHOWN - 3) + "...";
  }

  /** The value as compact JSON, numbers exactly as written, e.g. a relay body. */
  public static String compact(Node node) {
    return write(FACTORY, node);
  }

  private static String write(JsonFactory factory, Node node) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = factory.createGenerator(out)) {
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

  /**
   * JSON's escapes plus DEL, C1 controls, format characters (bidirectional overrides, zero-width
   * marks), line and paragraph separators, each as {@code \}{@code uXXXX}.
   */
  private static final class MessageEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    MessageEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii[0x7F] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return invisible(ch) ? new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch)) : null;
    }

    static boolean invisible(int ch) {
      int type = Character.getType(ch);
      return type == Character.CONTROL
          || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR;
    }
  }
}
