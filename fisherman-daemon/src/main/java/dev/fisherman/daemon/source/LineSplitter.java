package dev.fisherman.daemon.source;

import java.io.ByteArrayOutputStream;

/**
 * Cuts a byte stream into numbered lines of at most {@code maxLineBytes}; a longer line is reported
 * once and skipped up to its newline, so one runaway line cannot grow memory. Not thread-safe: one
 * reader feeds it.
 */
final class LineSplitter {

  /** Receives what the splitter finds. */
  interface Listener {
    /** A whole line (without its line break), numbered from 1. */
    void line(long number, byte[] line);

    /** A line longer than the limit, numbered from 1; its bytes are dropped. */
    void overlong(long number);
  }

  private final int maxLineBytes;
  private final Listener listener;
  private final ByteArrayOutputStream current = new ByteArrayOutputStream();
  private long lineNumber = 1;
  private boolean discarding;

  LineSplitter(int maxLineBytes, Listener listener) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes: " + maxLineBytes + " (expected: >= 1)");
    }
    this.maxLineBytes = maxLineBytes;
    this.listener = listener;
  }

  void feed(byte[] bytes, int offset, int length) {
    int start = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        append(bytes, start, i - start);
        endLine();
        start = i + 1;
      }
    }
    append(bytes, start, end - start);
  }

  /** Hands over a last line that has no newline (end of input). */
  void finish() {
    if (current.size() > 0 || discarding) {
      endLine();
    }
  }

  /** Forgets a partial line, e.g. after the followed file was truncated; numbering restarts. */
  void reset() {
    current.reset();
    discarding = false;
    lineNumber = 1;
  }

  private void append(byte[] bytes, int offset, int length) {
    if (length == 0 || discarding) {
      return;
    }
    if (current.size() + length > maxLineBytes) {
      current.reset();
      discarding = true;
      return;
    }
    current.write(bytes, offset, length);
  }

  private void endLine() {
    long number = lineNumber++;
    if (discarding) {
      discarding = false;
      listener.overlong(number);
      return;
    }
    byte[] line = current.toByteArray();
    current.reset();
    int len = line.length;
    if (len > 0 && line[len - 1] == '\r') {
      line = java.util.Arrays.copyOf(line, len - 1);
    }
    listener.line(number, line);
  }
}
