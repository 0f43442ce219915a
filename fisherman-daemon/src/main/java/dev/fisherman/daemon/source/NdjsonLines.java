package dev.fisherman.daemon.source;

import dev.fisherman.core.session.SessionStarted;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the ndjson sources do with each line: one {@link SessionEventParser event} per line; a bad
 * line is logged with its number and skipped, the lines after it go on; blank lines are ignored.
 */
final class NdjsonLines implements LineSplitter.Listener {
  /** The kind both ndjson sources count under. */
  static final String KIND = "ndjson";

  /** Longest line read; a longer one is skipped whole. */
  static final int MAX_LINE_BYTES = 1 << 20;

  private static final Logger log = LoggerFactory.getLogger(NdjsonLines.class);

  private final String name;
  private final SessionEventParser parser;
  private final CountingSink sink;
  private final BooleanSupplier closed;
  private final AtomicLong read = new AtomicLong();

  NdjsonLines(String name, SessionEventParser parser, CountingSink sink, BooleanSupplier closed) {
    this.name = name;
    this.parser = parser;
    this.sink = sink;
    this.closed = closed;
  }

  /** Lines seen so far, blank and bad ones included. */
  long read() {
    return read.get();
  }

  @Override
  public void line(long number, byte[] line) {
    read.incrementAndGet();
    if (closed.getAsBoolean() || isBlank(line)) {
      return;
    }
    SessionStarted session;
    try {
      session = parser.parse(line);
    } catch (InvalidSessionEventException e) {
      sink.invalid();
      log.warn("{} line {}: {} (skipped)", name, number, e.getMessage());
      return;
    }
    sink.offer(session, name + " line " + number);
  }

  @Override
  public void overlong(long number) {
    read.incrementAndGet();
    sink.invalid();
    log.warn("{} line {}: longer than {} bytes (skipped)", name, number, MAX_LINE_BYTES);
  }

  private static boolean isBlank(byte[] line) {
    return new String(line, StandardCharsets.UTF_8).isBlank();
  }
}
