package dev.fisherman.core.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * Checks a response body against JSON-RPC: a JSON object with the id that was sent and a {@code
 * result}, or an {@code error} object. Streams over the bytes once without building a tree.
 */
final class JsonRpcCheck {
  private static final JsonFactory JSON = new JsonFactory();

  /** What a body amounted to. */
  record Verdict(
      Outcome outcome, OptionalLong rpcErrorCode, OptionalLong blockHeight, String detail) {
    static Verdict invalid(String detail) {
      return new Verdict(
          Outcome.INVALID_RESPONSE, OptionalLong.empty(), OptionalLong.empty(), detail);
    }
  }

  private static final Verdict OK_NO_HEIGHT =
      new Verdict(Outcome.OK, OptionalLong.empty(), OptionalLong.empty(), "");

  private JsonRpcCheck() {}

  static Verdict check(byte[] body, int offset, int length, OptionalLong expectedId) {
    boolean sawResult = false;
    OptionalLong height = OptionalLong.empty();
    boolean sawError = false;
    OptionalLong errorCode = OptionalLong.empty();
    String idMismatch = null;
    boolean sawId = false;
    try (JsonParser p = JSON.createParser(body, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Verdict.invalid("not a JSON object");
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
            if (value == JsonToken.VALUE_STRING) {
              height = hexQuantity(p.getText());
            } else {
              p.skipChildren();
            }
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
        return Verdict.invalid("not a JSON object");
      }
      if (p.nextToken() != null) {
        return Verdict.invalid("trailing data after the JSON object");
      }
    } catch (IOException e) {
      return Verdict.invalid("not JSON");
    }
    if (sawError) {
      return new Verdict(
          Outcome.RPC_ERROR,
          errorCode,
          OptionalLong.empty(),
          "JSON-RPC error" + (errorCode.isPresent() ? " " + errorCode.getAsLong() : ""));
    }
    if (expectedId.isPresent() && !sawId) {
      return Verdict.invalid("missing id");
    }
    if (idMismatch != null) {
      return Verdict.invalid(idMismatch);
    }
    if (!sawResult) {
      return Verdict.invalid("missing result");
    }
    return height.isPresent()
        ? new Verdict(Outcome.OK, OptionalLong.empty(), height, "")
        : OK_NO_HEIGHT;
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

  private static String abbreviate(String s) {
    return s.length() <= 32 ? s : s.substring(0, 32) + "...";
  }
}
