package dev.fisherman.genesis.input;

import java.util.Objects;

/**
 * One thing wrong with an input.
 *
 * @param path JSON path of the offending value, e.g. {@code servicers[2].url}; empty for the
 *     document itself
 * @param message the whole line shown to a user: path, value, maybe its line:column, and the
 *     expectation; every value from the input in it is escaped, so it is one printable line
 */
public record Problem(String path, String message) {
  public Problem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return message;
  }
}
