package dev.fisherman.core.envelope;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A wrapped relay for one servicer: POSTed to the servicer's URL exactly as given, with these
 * headers and body (shared, never modified).
 */
public record Wrapped(List<Map.Entry<String, String>> headers, byte[] body) {
  public Wrapped {
    headers = List.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }
}
