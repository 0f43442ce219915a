package dev.fisherman.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalDouble;

/** Reading the admin API's JSON strictly: a missing field is a failed scenario, not a null. */
final class Json {

  private Json() {}

  static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new AssertionError("admin API answer lacks \"" + field + "\": " + node);
    }
    return value;
  }

  static OptionalDouble number(JsonNode node) {
    return node.isNumber() ? OptionalDouble.of(node.asDouble()) : OptionalDouble.empty();
  }
}
