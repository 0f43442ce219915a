package dev.fisherman.genesis.input;

import java.util.Objects;
import java.util.Optional;

/**
 * Input that is not one well-formed JSON value in UTF-8, so there is nothing to check field by
 * field. Each caller names the document its own way; {@link #detail()} is already escaped.
 */
public final class JsonSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of text it was. */
  public enum Kind {
    /** Bytes that are not UTF-8 text: a malformed or overlong sequence, or a NUL byte. */
    NOT_UTF8,
    /** Nothing but whitespace (and maybe a byte order mark). */
    EMPTY,
    /** Not JSON, or a duplicate key when duplicates are refused while reading. */
    INVALID,
    /** A complete value followed by more tokens. */
    TRAILING
  }

  private final Kind kind;
  private final transient Node.Pos pos;
  private final long byteOffset;
  private final String detail;

  JsonSyntaxException(Kind kind, Node.Pos pos, long byteOffset, String detail) {
    super(kind + (pos == null ? " at byte offset " + byteOffset : " at " + pos) + ": " + detail);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.pos = pos;
    this.byteOffset = byteOffset;
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  public Kind kind() {
    return kind;
  }

  /** Where the problem is, for {@link Kind#INVALID} and {@link Kind#TRAILING}. */
  public Optional<Node.Pos> pos() {
    return Optional.ofNullable(pos);
  }

  /** For {@link Kind#NOT_UTF8}, the offset of the first bad byte; else -1. */
  public long byteOffset() {
    return byteOffset;
  }

  /**
   * Jackson's own words for an {@link Kind#INVALID} text (escaped, without its source dump), the
   * first extra token's type for {@link Kind#TRAILING} (e.g. {@code START_OBJECT}), else empty.
   */
  public String detail() {
    return detail;
  }
}
