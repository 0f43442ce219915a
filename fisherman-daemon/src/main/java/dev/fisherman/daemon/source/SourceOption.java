package dev.fisherman.daemon.source;

import java.util.Objects;
import java.util.Optional;

/**
 * A command-line option a source kind reads, such as {@code --node-rpc URL}. The {@code run}
 * command offers the options of every registered kind; the values reach the factory through {@link
 * SourceOptions}.
 *
 * @param name the option, with its dashes: {@code --node-rpc}
 * @param paramLabel what its value is, for help: {@code URL}
 * @param description one sentence of help
 * @param repeatable whether it may be given more than once
 * @param defaultValue the value when it is not given
 */
public record SourceOption(
    String name,
    String paramLabel,
    String description,
    boolean repeatable,
    Optional<String> defaultValue) {
  public SourceOption {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(paramLabel, "paramLabel");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(defaultValue, "defaultValue");
    if (!name.startsWith("--") || name.length() < 3) {
      throw new IllegalArgumentException("name: \"" + name + "\" (expected: --NAME)");
    }
  }
}
