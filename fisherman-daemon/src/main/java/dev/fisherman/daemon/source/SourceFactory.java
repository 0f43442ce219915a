package dev.fisherman.daemon.source;

import dev.fisherman.genesis.Genesis;
import java.util.List;

/**
 * Makes the session sources of one kind. Each kind registers one factory with {@link
 * SourceFactories}; the daemon looks the factory up by the spec's kind, so a new kind is a new
 * factory and nothing else.
 */
public interface SourceFactory {

  /** The kind this factory makes, as {@code --source} spells it, e.g. {@code ndjson}. */
  String kind();

  /** How {@code --source} values of this kind look, e.g. {@code ndjson:PATH or ndjson:-}. */
  String usage();

  /** Whether {@code spec} (of this kind) is well formed; bad ones are told {@link #usage()}. */
  boolean accepts(SourceSpec spec);

  /**
   * The command-line options this kind reads (e.g. {@code --node-rpc}); none by default. An option
   * given while no source of this kind runs is refused.
   */
  default List<SourceOption> options() {
    return List.of();
  }

  /**
   * Checks what can be checked before anything starts (genesis, files, option values).
   *
   * @throws IllegalArgumentException with a user-facing message when the spec cannot run
   */
  default void validate(SourceSpec spec, Genesis genesis, SourceOptions options) {}

  /**
   * A new, not yet started source for {@code spec}.
   *
   * @throws IllegalArgumentException when the spec cannot run
   */
  SessionSource create(SourceSpec spec, SourceContext context);
}
