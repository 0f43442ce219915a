package dev.fisherman.genesis;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The request a probe sends: HTTP method, path, extra headers and an optional JSON body.
 *
 * <p>The body is kept as compact JSON text so the record stays immutable. When it is a JSON-RPC
 * object, the relay client replaces its {@code id} with a fresh random value per round.
 */
public record RelayTemplate(
    String method, String path, Map<String, String> headers, Optional<String> body) {
  public RelayTemplate {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }
}
