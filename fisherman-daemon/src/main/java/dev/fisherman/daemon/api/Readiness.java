package dev.fisherman.daemon.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /readyz}: {@code ready} or {@code not_ready}, and every check's detail by name, in the
 * order given.
 */
public record Readiness(String status, Map<String, String> checks) {
  public Readiness {
    Objects.requireNonNull(status, "status");
    checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
  }

  /** Whether the daemon said it is ready. */
  public boolean ready() {
    return status.equals("ready");
  }
}
