package dev.fisherman.daemon.api;

import java.util.Objects;

/** {@code GET /healthz}: {@code {"status": "up"}}. */
public record Health(String status) {
  /** The only answer: the process answers. */
  public static final Health UP = new Health("up");

  public Health {
    Objects.requireNonNull(status, "status");
  }
}
