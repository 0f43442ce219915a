package dev.fisherman.genesis.input;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The known fields of one JSON object (the first occurrence of each key), or of an absent one whose
 * every field takes its default. A reader function gets the field's path and value and returns the
 * checked value, or {@code null} after reporting why not; {@code null} never leaves a checker.
 */
public final class Fields {
  private final Problems problems;
  private final String path;
  private final Node.Pos start;
  private final Node.Pos end;
  private final Map<String, Node.Member> first;

  /**
   * {@code start} orders the object's missing keys (before its contents' problems), {@code end}
   * orders problems of its defaulted values (where they would have been written).
   */
  Fields(
      Problems problems,
      String path,
      Node.Pos start,
      Node.Pos end,
      Map<String, Node.Member> first) {
    this.problems = problems;
    this.path = path;
    this.start = start;
    this.end = end;
    this.first = Map.copyOf(first);
  }

  /** Where the object starts. */
  public Node.Pos start() {
    return start;
  }

  /** Where the object ends (its closing brace). */
  public Node.Pos end() {
    return end;
  }

  /** The path of the object itself. */
  public String path() {
    return path;
  }

  /** The path of {@code key} in this object. */
  public String path(String key) {
    return JsonReader.child(path, key);
  }

  /** The value of {@code key}, if written. */
  public Optional<Node> get(String key) {
    return Optional.ofNullable(first.get(key)).map(Node.Member::value);
  }

  /**
   * Reads {@code key}; when absent, reports it missing, told {@code expected}, and returns null.
   */
  public <T> T required(String key, String expected, BiFunction<String, Node, T> reader) {
    Node.Member m = first.get(key);
    if (m == null) {
      problems.missing(path(key), start, expected);
      return null;
    }
    return reader.apply(path(key), m.value());
  }

  /** Reads {@code key}, or returns {@code fallback} when it is absent. */
  public <T> T optional(String key, T fallback, BiFunction<String, Node, T> reader) {
    Node.Member m = first.get(key);
    return m == null ? fallback : reader.apply(path(key), m.value());
  }

  /**
   * A value that passed on its own breaks a rule with another: reports the written value, or {@code
   * shownIfDefault} when {@code key} is absent.
   */
  public void blame(String key, String shownIfDefault, String expected) {
    Node.Member m = first.get(key);
    if (m == null) {
      problems.defaulted(path(key), end, shownIfDefault, expected);
    } else {
      problems.value(path(key), m.value(), expected);
    }
  }
}
