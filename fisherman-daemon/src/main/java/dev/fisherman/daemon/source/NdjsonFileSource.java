package dev.fisherman.daemon.source;

import dev.fisherman.daemon.health.CheckResult;
import dev.fisherman.daemon.metrics.DaemonMeters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session events as newline-delimited JSON from a file that is followed as it grows, like {@code
 * tail -F}: truncation and replacement are noticed, and a file that goes away is picked up again
 * when it comes back. Each line goes through {@link NdjsonLines}.
 */
final class NdjsonFileSource implements SessionSource {
  private static final Logger log = LoggerFactory.getLogger(NdjsonFileSource.class);
  private static final int CHUNK = 64 * 1024;
  // Bounds one poll so a huge file cannot hold the shared timer thread for long.
  private static final long MAX_BYTES_PER_POLL = 16L * CHUNK * 16;

  private final String name;
  private final Path file;
  private final SessionEventParser parser;
  private final DaemonMeters meters;
  private final ScheduledExecutorService timer;
  private final Duration pollInterval;
  private final Object lock = new Object();

  private LineSplitter splitter;
  private FileChannel channel;
  private Object fileKey;
  private long position;
  private ScheduledFuture<?> polling;
  private volatile boolean started;
  private volatile boolean closed;
  private volatile String problem;

  /**
   * Follows {@code file} from its first line, polling for growth every {@code pollInterval} on the
   * caller's {@code timer} (not shut down here).
   */
  NdjsonFileSource(
      Path file,
      SessionEventParser parser,
      DaemonMeters meters,
      ScheduledExecutorService timer,
      Duration pollInterval) {
    this.file = Objects.requireNonNull(file, "file");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.meters = Objects.requireNonNull(meters, "meters");
    this.timer = Objects.requireNonNull(timer, "timer");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval: " + pollInterval + " (expected: > 0)");
    }
    this.pollInterval = pollInterval;
    this.name = NdjsonLines.KIND + ":" + file;
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * {@inheritDoc}
   *
   * @throws UncheckedIOException if the file cannot be opened
   */
  @Override
  public void start(SessionSink sink) {
    Objects.requireNonNull(sink, "sink");
    synchronized (lock) {
      if (started || closed) {
        throw new IllegalStateException(name + ": already started or closed");
      }
      started = true;
      CountingSink counting = new CountingSink(NdjsonLines.KIND, sink, meters);
      splitter =
          new LineSplitter(
              NdjsonLines.MAX_LINE_BYTES, new NdjsonLines(name, parser, counting, () -> closed));
      try {
        open();
      } catch (IOException e) {
        throw new UncheckedIOException(name + ": cannot open " + file + ": " + e, e);
      }
      polling =
          timer.scheduleWithFixedDelay(
              this::pollSafely, 0, pollInterval.toNanos(), TimeUnit.NANOSECONDS);
    }
    log.info("{}: reading session events", name);
  }

  private void open() throws IOException {
    channel = FileChannel.open(file, StandardOpenOption.READ);
    fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    position = 0;
    splitter.reset();
  }

  private void pollSafely() {
    try {
      poll();
      problem = null;
    } catch (IOException | RuntimeException e) {
      // Keep polling: the file may come back (rotation, a remounted volume).
      if (problem == null) {
        log.warn("{}: {}", name, e.toString());
      }
      problem = e.toString();
    }
  }

  /** Reads what was appended since the last poll. */
  void poll() throws IOException {
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (channel == null) {
        open();
        log.info("{}: file is back, reading from its first line", name);
      }
      long size = channel.size();
      if (size < position) {
        log.warn("{}: truncated to {} bytes, reading from its first line", name, size);
        position = 0;
        splitter.reset();
      }
      readAvailable();
      Object currentKey = currentFileKey();
      if (currentKey == null || !currentKey.equals(fileKey)) {
        // Replaced (rotation): the old file is read to its end above; go on with the new one.
        channel.close();
        channel = null;
        if (currentKey != null) {
          splitter.finish();
          open();
          log.info("{}: file replaced, reading the new one from its first line", name);
          readAvailable();
        }
      }
    }
  }

  private Object currentFileKey() {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void readAvailable() throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    long budget = MAX_BYTES_PER_POLL;
    while (budget > 0 && !closed) {
      buffer.clear();
      int n = channel.read(buffer, position);
      if (n <= 0) {
        return;
      }
      position += n;
      budget -= n;
      splitter.feed(buffer.array(), 0, n);
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
    return p != null ? CheckResult.failed(p) : CheckResult.OK;
  }

  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      if (polling != null) {
        polling.cancel(false);
      }
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          log.debug("{}: close failed", name, e);
        }
        channel = null;
      }
    }
  }
}
