package dev.fisherman.genesis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects problems while a genesis document is checked and hands them out in document order,
 * whatever order the checks ran in. Every line reads {@code path: value at line:column (expected:
 * ...)}; a problem of the document itself is named by its source instead of a path.
 */
final class GenesisProblems {
  private record Entry(Node.Pos order, int seq, GenesisProblem problem) {}

  private static final Comparator<Entry> DOCUMENT_ORDER =
      Comparator.comparing(Entry::order).thenComparingInt(Entry::seq);

  private final String source;
  private final List<Entry> entries = new ArrayList<>();

  GenesisProblems(String source) {
    this.source = source;
  }

  /** A failure that ends loading on its own, e.g. a file that cannot be read. */
  static GenesisException single(String path, String message) {
    return new GenesisException(List.of(new GenesisProblem(path, message)));
  }

  /** {@code value} at {@code path} is wrong: {@code path: value at l:c (expected: ...)}. */
  void value(String path, Node value, String expected) {
    add(
        path,
        value.pos(),
        where(path) + ": " + NodeReader.shown(value) + " at " + value.pos() + expected(expected));
  }

  /**
   * A default value breaks a rule: {@code path: default 2s (expected: ...)}; {@code order} is where
   * the key would have been written.
   */
  void defaulted(String path, Node.Pos order, String shown, String expected) {
    add(path, order, where(path) + ": default " + shown + expected(expected));
  }

  /** A key that is wrong as such: {@code path: unknown key at l:c (expected: ...)}. */
  void key(String path, Node.Pos keyPos, String what, String expected) {
    add(path, keyPos, where(path) + ": " + what + " at " + keyPos + expected(expected));
  }

  /** A required value is absent; {@code order} is the end of the object that lacks it. */
  void missing(String path, Node.Pos order, String expected) {
    add(path, order, where(path) + ": missing" + expected(expected));
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Throws every problem collected so far, in document order, if there is any. */
  void throwIfAny() throws GenesisException {
    if (entries.isEmpty()) {
      return;
    }
    List<GenesisProblem> sorted =
        entries.stream().sorted(DOCUMENT_ORDER).map(Entry::problem).toList();
    throw new GenesisException(sorted);
  }

  private void add(String path, Node.Pos order, String message) {
    entries.add(new Entry(order, entries.size(), new GenesisProblem(path, message)));
  }

  private String where(String path) {
    return path.isEmpty() ? source : path;
  }

  private static String expected(String expected) {
    return " (expected: " + expected + ")";
  }
}
