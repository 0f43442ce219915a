package dev.fisherman.core.check;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import java.io.IOException;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Checks a 2xx response body against JSON-RPC: a JSON object with the id that was sent and a {@code
 * result}, or an {@code error} object. Streams over the bytes once without building a tree.
 */
final class JsonRpcCheck implements ResponseCheck {
  private static final JsonFactory JSON = new JsonFactory();

  /** Reads a result as a tree, for the readers that need one; loaded only when first used. */
  private static final class Trees {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  /** Reads facts from the {@code result} value; must consume the value whatever it is. */
  @FunctionalInterface
  interface ResultReader {
    ProbeFacts read(JsonParser p, JsonToken value) throws IOException;

    /** Reads nothing. */
    ResultReader NOTHING =
        (p, value) -> {
          p.skipChildren();
          return ProbeFacts.NONE;
        };

    /** A hex quantity ({@code eth_blockNumber}) is the block height. */
    ResultReader HEX_HEIGHT =
        (p, value) -> {
          if (value == JsonToken.VALUE_STRING) {
            OptionalLong h = hexQuantity(p.getText());
            return h.isPresent() ? ProbeFacts.height(h.getAsLong()) : ProbeFacts.NONE;
          }
          p.skipChildren();
          return ProbeFacts.NONE;
        };

    /** A non-negative integer ({@code getSlot}) is the block height. */
    ResultReader INTEGER_HEIGHT =
        (p, value) -> {
          if (value == JsonToken.VALUE_NUMBER_INT
              && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
              && p.getLongValue() >= 0) {
            return ProbeFacts.height(p.getLongValue());
          }
          p.skipChildren();
          return ProbeFacts.NONE;
        };

    /** A string ({@code eth_chainId}, {@code getGenesisHash}) is the chain id. */
    ResultReader STRING_CHAIN =
        (p, value) -> {
          if (value == JsonToken.VALUE_STRING) {
            return ProbeFacts.NONE.withChainId(p.getText());
          }
          p.skipChildren();
          return ProbeFacts.NONE;
        };

    /**
     * The value at a JSON pointer into the result (any result: object, array or scalar), for the
     * operator-named reads of a {@code jsonrpc} service, at most one of the three pointers set: a
     * height as a non-negative integer, a hex quantity string ({@code "0x1b4"}) or a decimal string
     * ({@code "436"}); a block identifier or chain id as a string, or an integer's decimal text. A
     * value that is absent or of another type reads as nothing.
     */
    static ResultReader pointer(String height, String blockId, String chain) {
      return (p, value) -> {
        JsonNode result = Trees.MAPPER.readTree(p);
        ProbeFacts facts = ProbeFacts.NONE;
        if (height != null) {
          OptionalLong h = heightOf(result.at(height));
          if (h.isPresent()) {
            facts = ProbeFacts.height(h.getAsLong());
          }
        }
        if (blockId != null) {
          String id = textOf(result.at(blockId));
          if (id != null) {
            facts = facts.withBlockId(id);
          }
        }
        if (chain != null) {
          String id = textOf(result.at(chain));
          if (id != null) {
            facts = facts.withChainId(id);
          }
        }
        return facts;
      };
    }

    private static OptionalLong heightOf(JsonNode n) {
      if (n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0) {
        return OptionalLong.of(n.asLong());
      }
      if (n.isTextual()) {
        String t = n.asText();
        if (t.matches("[0-9]{1,18}")) {
          return OptionalLong.of(Long.parseLong(t));
        }
        return hexQuantity(t);
      }
      return OptionalLong.empty();
    }

    private static String textOf(JsonNode n) {
      if (n.isTextual() && !n.asText().isEmpty()) {
        return n.asText();
      }
      if (n.isIntegralNumber()) {
        return n.bigIntegerValue().toString();
      }
      return null;
    }

    /**
     * The result as a tree: a decimal-string or integer height at {@code height}, a block
     * identifier at {@code blockId}, a chain id at {@code chain} (each pointer may be null).
     */
    static ResultReader tree(String height, String blockId, String chain) {
      return (p, value) -> {
        if (value != JsonToken.START_OBJECT) {
          p.skipChildren();
          return ProbeFacts.NONE;
        }
        JsonNode result = Trees.MAPPER.readTree(p);
        ProbeFacts facts = ProbeFacts.NONE;
        if (height != null) {
          JsonNode h = result.at(height);
          long v = -1;
          if (h.isTextual() && h.asText().matches("[0-9]{1,18}")) {
            v = Long.parseLong(h.asText());
          } else if (h.canConvertToLong() && h.isIntegralNumber()) {
            v = h.asLong();
          }
          if (v >= 0) {
            facts = ProbeFacts.height(v);
          }
        }
        if (blockId != null && result.at(blockId).isTextual()) {
          facts = facts.withBlockId(result.at(blockId).asText());
        }
        if (chain != null && result.at(chain).isTextual()) {
          facts = facts.withChainId(result.at(chain).asText());
        }
        return facts;
      };
    }
  }

  /** The generic JSON-RPC service: a hex quantity {@code result} is read as the block height. */
  static final JsonRpcCheck HEX_RESULT_IS_HEIGHT = new JsonRpcCheck(ResultReader.HEX_HEIGHT);

  /** JSON-RPC without facts: the result is checked for presence only. */
  static final JsonRpcCheck NO_FACTS = new JsonRpcCheck(ResultReader.NOTHING);

  private final ResultReader reader;

  JsonRpcCheck(ResultReader reader) {
    this.reader = reader;
  }

  private static Verdict invalid(String detail) {
    return Verdict.of(Outcome.INVALID_RESPONSE, detail);
  }

  @Override
  public boolean readsBody(int status) {
    return StatusCheck.success(status);
  }

  @Override
  public Verdict judge(int status, byte[] body, int offset, int length, OptionalLong requestId) {
    return StatusCheck.success(status)
        ? check(body, offset, length, requestId)
        : Verdict.httpStatus(status);
  }

  Verdict check(byte[] body, int offset, int length, OptionalLong expectedId) {
    boolean sawResult = false;
    ProbeFacts facts = ProbeFacts.NONE;
    boolean sawError = false;
    OptionalLong errorCode = OptionalLong.empty();
    String idMismatch = null;
    boolean sawId = false;
    try (JsonParser p = JSON.createParser(body, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return invalid("not a JSON object");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "id" -> {
            sawId = true;
            idMismatch = idMismatch(p, value, expectedId);
          }
          case "result" -> {
            sawResult = true;
            facts = reader.read(p, value);
          }
          case "error" -> {
            if (value == JsonToken.START_OBJECT) {
              sawError = true;
              errorCode = errorCode(p);
            } else {
              p.skipChildren();
            }
          }
          default -> p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT) {
        return invalid("not a JSON object");
      }
      if (p.nextToken() != null) {
        return invalid("trailing data after the JSON object");
      }
    } catch (IOException e) {
      return invalid("not JSON");
    }
    if (sawError) {
      return new Verdict(
          Outcome.RPC_ERROR,
          errorCode,
          ProbeFacts.NONE,
          "JSON-RPC error" + (errorCode.isPresent() ? " " + errorCode.getAsLong() : ""));
    }
    if (expectedId.isPresent() && !sawId) {
      return invalid("missing id");
    }
    if (idMismatch != null) {
      return invalid(idMismatch);
    }
    if (!sawResult) {
      return invalid("missing result");
    }
    return facts.equals(ProbeFacts.NONE)
        ? Verdict.OK
        : new Verdict(Outcome.OK, OptionalLong.empty(), facts, "");
  }

  private static String idMismatch(JsonParser p, JsonToken value, OptionalLong expectedId)
      throws IOException {
    if (expectedId.isEmpty()) {
      p.skipChildren();
      return null;
    }
    long expected = expectedId.getAsLong();
    if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.LONG
        || value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      long got = p.getLongValue();
      return got == expected ? null : "wrong id " + got + " (expected: " + expected + ")";
    }
    if (value == JsonToken.VALUE_STRING) {
      String got = p.getText();
      return Long.toString(expected).equals(got)
          ? null
          : "wrong id \"" + abbreviate(got) + "\" (expected: " + expected + ")";
    }
    p.skipChildren();
    return "wrong id " + value.asString() + " (expected: " + expected + ")";
  }

  private static OptionalLong errorCode(JsonParser p) throws IOException {
    OptionalLong code = OptionalLong.empty();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if ("code".equals(name)
          && value == JsonToken.VALUE_NUMBER_INT
          && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
        code = OptionalLong.of(p.getLongValue());
      } else {
        p.skipChildren();
      }
    }
    return code;
  }

  /** A JSON-RPC quantity such as {@code 0x1b4} as a number, when it is one and fits. */
  static OptionalLong hexQuantity(String text) {
    int n = text.length();
    if (n < 3
        || n > 18
        || text.charAt(0) != '0'
        || (text.charAt(1) != 'x' && text.charAt(1) != 'X')) {
      return OptionalLong.empty();
    }
    long value = 0;
    for (int i = 2; i < n; i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0) {
        return OptionalLong.empty();
      }
      value = (value << 4) | digit;
    }
    // Sixteen hex digits can exceed Long.MAX_VALUE; such a number is no block height.
    return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /**
   * The servicer's text shortened to 32 characters for a detail, with control characters and line
   * separators written as {@code \\uXXXX}: a detail reaches logs and the API, where a raw newline
   * or escape sequence could forge a line.
   */
  static String abbreviate(String s) {
    int end =
        s.length() <= 32
            ? s.length()
            : s.offsetByCodePoints(0, Math.min(32, s.codePointCount(0, s.length())));
    StringBuilder b = new StringBuilder(end + 8);
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029') {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return end < s.length() ? b.append("...").toString() : b.toString();
  }
}
