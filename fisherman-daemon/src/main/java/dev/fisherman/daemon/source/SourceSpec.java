package dev.fisherman.daemon.source;

import java.util.Objects;
import java.util.Optional;

/**
 * Which session source to run, as {@code --source} names it: a kind ({@code localnet}, {@code
 * webhook}, {@code ndjson}, ...) and, for kinds that take one, the argument after the colon ({@code
 * ndjson:PATH}). {@link SourceFactories#parse(String)} checks a spec against the kinds known.
 */
public record SourceSpec(String kind, Optional<String> argument) {
  public SourceSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(argument, "argument");
    if (kind.isEmpty() || kind.contains(":")) {
      throw new IllegalArgumentException(
          "kind: \"" + kind + "\" (expected: a non-empty name without ':')");
    }
  }

  /** A spec of a kind that takes no argument. */
  public static SourceSpec of(String kind) {
    return new SourceSpec(kind, Optional.empty());
  }

  /** A spec of a kind with its argument. */
  public static SourceSpec of(String kind, String argument) {
    return new SourceSpec(kind, Optional.of(argument));
  }

  /** Splits {@code text} at its first colon, without checking the kind. */
  static SourceSpec split(String text) {
    int colon = text.indexOf(':');
    return colon < 0
        ? of(text)
        : new SourceSpec(text.substring(0, colon), Optional.of(text.substring(colon + 1)));
  }

  @Override
  public String toString() {
    return argument.map(a -> kind + ":" + a).orElse(kind);
  }
}
