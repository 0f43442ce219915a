package dev.fisherman.genesis;

import java.util.Objects;

/**
 * One thing wrong with a genesis file.
 *
 * @param path JSON path of the offending value, e.g. {@code params.qos.relay_timeout} or {@code
 *     servicers[2].url}; empty for the document itself
 * @param message the whole line shown to a user: path, value, location and expectation, e.g. {@code
 *     params.qos.relay_timeout: "2 seconds" at 7:23 (expected: a duration such as 500ms or 2s)}
 */
public record GenesisProblem(String path, String message) {
  public GenesisProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return message;
  }
}
