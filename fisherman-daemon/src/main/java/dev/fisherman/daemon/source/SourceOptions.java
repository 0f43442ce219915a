package dev.fisherman.daemon.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The values given for source options, by option name ({@code --node-rpc}), in order given. */
public record SourceOptions(Map<String, List<String>> given) {
  /** No option given. */
  public static final SourceOptions NONE = new SourceOptions(Map.of());

  public SourceOptions {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    given.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "name"), List.copyOf(v)));
    given = Collections.unmodifiableMap(copy);
  }

  /** Every value given for {@code option}, else its default (if any). */
  public List<String> values(SourceOption option) {
    List<String> v = given.get(option.name());
    if (v != null && !v.isEmpty()) {
      return v;
    }
    return option.defaultValue().map(List::of).orElse(List.of());
  }

  /** The last value given for {@code option}, else its default. */
  public Optional<String> value(SourceOption option) {
    List<String> v = values(option);
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }
}
