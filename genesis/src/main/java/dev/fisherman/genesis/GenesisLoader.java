package dev.fisherman.genesis;

import java.nio.file.Path;

/**
 * The one place a genesis file is read and validated. Strict: unknown keys, trailing tokens, wrong
 * types, missing required values, out-of-range values and broken cross-field rules are all errors,
 * and every problem is reported at once.
 */
public final class GenesisLoader {
  private GenesisLoader() {}

  /** Reads and validates the genesis file at {@code file}. */
  public static Genesis load(Path file) throws GenesisException {
    throw new UnsupportedOperationException("GenesisLoader.load");
  }

  /** Validates genesis JSON given as text ({@code source} names it in messages). */
  public static Genesis parse(String json, String source) throws GenesisException {
    throw new UnsupportedOperationException("GenesisLoader.parse");
  }
}
