package dev.fisherman.genesis.input;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Where a {@link StrictReader} reports problems. Every line reads {@code path: value (expected:
 * ...)}, with the value's {@code at line:column} when the input is a document a person edits; a
 * problem of the document itself is named by its source instead of a path.
 *
 * <p>Two policies: {@link #collecting} keeps every problem and hands them out in document order,
 * whatever order the checks ran in (a genesis file: fix everything in one go); {@link #firstOnly}
 * stops at the first one by throwing {@link Stop} (a session event: one line answers the client).
 */
public final class Problems {
  private record Entry(Node.Pos order, int seq, Problem problem) {}

  private static final Comparator<Entry> DOCUMENT_ORDER =
      Comparator.comparing(Entry::order).thenComparingInt(Entry::seq);

  private final String source;
  private final boolean positions;
  private final boolean firstOnly;
  private final List<Entry> entries = new ArrayList<>();

  private Problems(String source, boolean positions, boolean firstOnly) {
    this.source = Objects.requireNonNull(source, "source");
    this.positions = positions;
    this.firstOnly = firstOnly;
  }

  /** Keeps every problem, each with its line:column; {@code source} names the document. */
  public static Problems collecting(String source) {
    return new Problems(source, true, false);
  }

  /** Throws {@link Stop} at the first problem, shown without line:column. */
  public static Problems firstOnly(String source) {
    return new Problems(source, false, true);
  }

  /** Thrown by a {@link #firstOnly} sink at its first problem; the caller turns it into its own. */
  public static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    Stop(Problem problem) {
      super(problem.message(), null, false, false);
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }

  /** {@code value} at {@code path} is wrong: {@code path: value at l:c (expected: ...)}. */
  public void value(String path, Node value, String expected) {
    add(path, value.pos(), JsonReader.shown(value) + at(value.pos()) + expected(expected));
  }

  /**
   * A default value breaks a rule: {@code path: default 2s (expected: ...)}; {@code order} is where
   * the key would have been written.
   */
  public void defaulted(String path, Node.Pos order, String shown, String expected) {
    add(path, order, "default " + shown + expected(expected));
  }

  /** A key that is wrong as such: {@code path: unknown key at l:c (expected: ...)}. */
  public void key(String path, Node.Pos keyPos, String what, String expected) {
    add(path, keyPos, what + at(keyPos) + expected(expected));
  }

  /** A required value is absent; {@code order} is where the object that lacks it starts. */
  public void missing(String path, Node.Pos order, String expected) {
    add(path, order, "missing" + expected(expected));
  }

  /**
   * Any other line, {@code path: what (expected: ...)}, for a value better described than shown
   * (e.g. {@code 12000 entries}); {@code what} must hold no unescaped input.
   */
  public void described(String path, Node.Pos order, String what, String expected) {
    add(path, order, what + expected(expected));
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Every problem so far, in document order. */
  public List<Problem> sorted() {
    return entries.stream().sorted(DOCUMENT_ORDER).map(Entry::problem).toList();
  }

  private void add(String path, Node.Pos order, String rest) {
    Problem p = new Problem(path, (path.isEmpty() ? source : path) + ": " + rest);
    if (firstOnly) {
      throw new Stop(p);
    }
    entries.add(new Entry(order, entries.size(), p));
  }

  private String at(Node.Pos pos) {
    return positions ? " at " + pos : "";
  }

  private static String expected(String expected) {
    return " (expected: " + expected + ")";
  }
}
