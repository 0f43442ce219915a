package dev.fisherman.daemon.source;

import dev.fisherman.genesis.Genesis;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The source kinds the daemon knows, by name; immutable. */
public final class SourceFactories {
  private final Map<String, SourceFactory> byKind;
  private final List<String> order;

  private SourceFactories(Map<String, SourceFactory> byKind) {
    this.byKind = Map.copyOf(byKind);
    this.order = List.copyOf(byKind.keySet());
  }

  /** {@code localnet}, {@code webhook} and {@code ndjson}. */
  public static SourceFactories defaults() {
    return new SourceFactories(Map.of())
        .with(new LocalnetSource.Factory())
        .with(new WebhookSource.Factory())
        .with(new NdjsonFactory());
  }

  /**
   * These kinds and {@code factory}'s.
   *
   * @throws IllegalArgumentException if the kind is known already
   */
  public SourceFactories with(SourceFactory factory) {
    Objects.requireNonNull(factory, "factory");
    if (byKind.containsKey(factory.kind())) {
      throw new IllegalArgumentException(
          "source kind: \"" + factory.kind() + "\" (expected: each kind once)");
    }
    Map<String, SourceFactory> more = new LinkedHashMap<>();
    for (String kind : order) {
      more.put(kind, byKind.get(kind));
    }
    more.put(factory.kind(), factory);
    return new SourceFactories(more);
  }

  /** What a bad {@code --source} value is told it should look like. */
  public String expected() {
    return order.stream().map(k -> byKind.get(k).usage()).collect(Collectors.joining(", "));
  }

  /**
   * Parses a {@code --source} value.
   *
   * @throws IllegalArgumentException if it names no known kind or is malformed for its kind
   */
  public SourceSpec parse(String text) {
    Objects.requireNonNull(text, "text");
    SourceSpec spec = text.isEmpty() || text.startsWith(":") ? null : SourceSpec.split(text);
    if (spec == null
        || !byKind.containsKey(spec.kind())
        || !byKind.get(spec.kind()).accepts(spec)) {
      throw new IllegalArgumentException("\"" + text + "\" (expected: " + expected() + ")");
    }
    return spec;
  }

  /**
   * The factory of {@code spec}'s kind.
   *
   * @throws IllegalArgumentException if the kind is unknown or the spec malformed
   */
  public SourceFactory factory(SourceSpec spec) {
    SourceFactory f = byKind.get(spec.kind());
    if (f == null || !f.accepts(spec)) {
      throw new IllegalArgumentException("source: " + spec + " (expected: " + expected() + ")");
    }
    return f;
  }

  /** Every option of every kind, in registration order. */
  public List<SourceOption> options() {
    return order.stream().flatMap(k -> byKind.get(k).options().stream()).toList();
  }

  /**
   * Checks {@code specs} and {@code options} before anything starts: each spec by its factory (see
   * {@link SourceFactory#validate}), and each option given against the kinds in use.
   *
   * @throws IllegalArgumentException with a user-facing message for the first problem
   */
  public void validate(List<SourceSpec> specs, Genesis genesis, SourceOptions options) {
    Set<String> kinds = new HashSet<>();
    for (SourceSpec spec : specs) {
      factory(spec);
      kinds.add(spec.kind());
    }
    for (String name : options.given().keySet()) {
      Optional<SourceFactory> owner =
          order.stream()
              .map(byKind::get)
              .filter(f -> f.options().stream().anyMatch(o -> o.name().equals(name)))
              .findFirst();
      if (owner.isEmpty()) {
        throw new IllegalArgumentException(name + ": not a source option");
      }
      if (!kinds.contains(owner.get().kind())) {
        throw new IllegalArgumentException(
            name + ": given without its source (expected: --source " + owner.get().kind() + ")");
      }
    }
    for (SourceSpec spec : specs) {
      factory(spec).validate(spec, genesis, options);
    }
  }
}
