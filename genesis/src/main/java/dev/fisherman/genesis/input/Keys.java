package dev.fisherman.genesis.input;

import java.util.List;
import java.util.Set;

/**
 * The keys one kind of JSON object accepts and requires; {@link StrictReader#object} reports every
 * other key.
 *
 * @param keys every accepted key, in the order the docs list them
 * @param required the keys that must be present (a test may hold a schema to them)
 */
public record Keys(List<String> keys, Set<String> required) {
  public Keys {
    keys = List.copyOf(keys);
    required = Set.copyOf(required);
    if (!keys.containsAll(required)) {
      throw new IllegalArgumentException(
          "required: " + required + " (expected: a subset of keys " + keys + ")");
    }
  }

  /** The expectation an unknown key is told: {@code one of a, b, c}. */
  public String oneOf() {
    return "one of " + String.join(", ", keys);
  }
}
