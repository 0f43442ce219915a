package dev.fisherman.daemon.source;

import java.util.Objects;

/**
 * A session event that cannot be used. The message is the whole line shown to a user, e.g. {@code
 * servicers[1].url: "ftp://x" (expected: an http or https URL)}.
 */
public final class InvalidSessionEventException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidSessionEventException(String field, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.field = Objects.requireNonNull(field, "field");
  }

  /** JSON path of the offending value, e.g. {@code servicers[1].url}; empty for the document. */
  public String field() {
    return field;
  }
}
