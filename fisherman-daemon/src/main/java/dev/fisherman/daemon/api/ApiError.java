package dev.fisherman.daemon.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The body of every failure: {@code {"error": "...", "field": "..."}}, {@code field} {@code null}
 * when no single input is to blame.
 */
public record ApiError(String error, Optional<String> field) {
  public ApiError {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(field, "field");
  }
}
