package dev.fisherman.core.envelope;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The service's HTTP request that a probe carries: method, path with query, the template's headers
 * and the body (shared, never modified).
 */
public record Probe(
    String method, String pathAndQuery, List<Map.Entry<String, String>> headers, byte[] body) {
  public Probe {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }
}
