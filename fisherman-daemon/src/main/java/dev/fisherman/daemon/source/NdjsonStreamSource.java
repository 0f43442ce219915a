package dev.fisherman.daemon.source;

import dev.fisherman.daemon.health.CheckResult;
import dev.fisherman.daemon.metrics.DaemonMeters;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session events as newline-delimited JSON from a stream such as standard input, read on a thread
 * of its own until end of input. The stream is the caller's: it is not closed here. Each line goes
 * through {@link NdjsonLines}.
 */
final class NdjsonStreamSource implements SessionSource {
  private static final Logger log = LoggerFactory.getLogger(NdjsonStreamSource.class);
  private static final int CHUNK = 64 * 1024;

  private final String name = NdjsonLines.KIND + ":-";
  private final InputStream stream;
  private final SessionEventParser parser;
  private final DaemonMeters meters;
  private final Object lock = new Object();

  private Thread reader;
  private volatile boolean started;
  private volatile boolean closed;
  private volatile String problem;
  private volatile boolean endOfInput;

  NdjsonStreamSource(InputStream in, SessionEventParser parser, DaemonMeters meters) {
    this.stream = Objects.requireNonNull(in, "in");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start(SessionSink sink) {
    Objects.requireNonNull(sink, "sink");
    synchronized (lock) {
      if (started || closed) {
        throw new IllegalStateException(name + ": already started or closed");
      }
      started = true;
      NdjsonLines lines =
          new NdjsonLines(
              name, parser, new CountingSink(NdjsonLines.KIND, sink, meters), () -> closed);
      reader = new Thread(() -> read(lines), "fisherman-ndjson-stdin");
      // A blocked read of standard input cannot be interrupted; it must not hold the JVM.
      reader.setDaemon(true);
      reader.start();
    }
    log.info("{}: reading session events", name);
  }

  private void read(NdjsonLines lines) {
    LineSplitter splitter = new LineSplitter(NdjsonLines.MAX_LINE_BYTES, lines);
    byte[] buffer = new byte[CHUNK];
    try {
      int n;
      while (!closed && (n = stream.read(buffer)) >= 0) {
        splitter.feed(buffer, 0, n);
      }
      if (!closed) {
        splitter.finish();
        endOfInput = true;
        log.info("{}: end of input after {} line(s)", name, lines.read());
      }
    } catch (IOException e) {
      if (!closed) {
        problem = e.toString();
        log.warn("{}: read failed: {}", name, e.toString());
      }
    }
  }

  @Override
  public CheckResult check() {
    if (closed) {
      return CheckResult.failed("closed");
    }
    if (!started) {
      return CheckResult.failed("not started");
    }
    String p = problem;
    if (p != null) {
      return CheckResult.failed(p);
    }
    return endOfInput ? new CheckResult(true, "end of input") : CheckResult.OK;
  }

  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      if (reader != null) {
        reader.interrupt();
      }
    }
  }
}
