package dev.fisherman.genesis.input;

import java.util.List;

/**
 * A JSON value exactly as written, with the line and column where it starts. Jackson's tree model
 * forgets locations and keeps only the last of duplicate keys; a strict reader needs both to report
 * every problem where it is.
 */
public sealed interface Node permits Node.Obj, Node.Arr, Node.Scalar {

  /** Where the value's first character is. */
  Pos pos();

  /** A 1-based line and column in the document. */
  record Pos(int line, int column) implements Comparable<Pos> {
    @Override
    public int compareTo(Pos o) {
      return line != o.line ? Integer.compare(line, o.line) : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
      return line + ":" + column;
    }
  }

  /** One {@code "key": value} pair of an object, duplicates included, in document order. */
  record Member(String key, Pos keyPos, Node value) {}

  /** An object; {@code end} is where its closing brace is. */
  record Obj(Pos pos, Pos end, List<Member> members) implements Node {}

  /** An array; {@code end} is where its closing bracket is. */
  record Arr(Pos pos, Pos end, List<Node> items) implements Node {}

  /** What kind of scalar a token was. */
  enum Kind {
    STRING,
    INTEGER,
    DECIMAL,
    TRUE,
    FALSE,
    NULL
  }

  /**
   * A string (unescaped in {@code text}), a number (as written), {@code true}/{@code false}/null.
   */
  record Scalar(Pos pos, Kind kind, String text) implements Node {}
}
