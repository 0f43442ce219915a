package dev.fisherman.genesis;

import java.util.List;
import java.util.Set;

/**
 * The keys each object of a genesis file accepts and requires. The loader rejects every other key,
 * and a test holds {@code genesis.schema.json} to exactly these sets.
 */
final class GenesisKeys {
  /** The accepted keys of one kind of object, in the order the docs list them. */
  record Shape(List<String> keys, Set<String> required) {
    Shape {
      keys = List.copyOf(keys);
      required = Set.copyOf(required);
    }

    /** The expectation an unknown key is told: {@code one of a, b, c}. */
    String oneOf() {
      return "one of " + String.join(", ", keys);
    }
  }

  static final Shape ROOT =
      new Shape(
          List.of("chain_id", "params", "services", "servicers"),
          Set.of("chain_id", "params", "services"));

  static final Shape PARAMS = new Shape(List.of("session", "qos"), Set.of("session"));

  static final Shape SESSION =
      new Shape(
          List.of("blocks_per_session", "block_time"), Set.of("blocks_per_session", "block_time"));

  static final Shape QOS =
      new Shape(
          List.of(
              "probes_per_session",
              "distribution",
              "start_delay",
              "relay_timeout",
              "high_latency",
              "min_availability",
              "min_samples",
              "connection",
              "max_response_bytes",
              "retention_sessions"),
          Set.of());

  static final Shape SERVICE = new Shape(List.of("id", "relay", "expect"), Set.of("id", "relay"));

  static final Shape RELAY =
      new Shape(List.of("method", "path", "headers", "body"), Set.of("method", "path"));

  static final Shape EXPECT = new Shape(List.of("jsonrpc_result"), Set.of());

  static final Shape SERVICER =
      new Shape(List.of("address", "url", "services"), Set.of("address", "url", "services"));

  private GenesisKeys() {}
}
