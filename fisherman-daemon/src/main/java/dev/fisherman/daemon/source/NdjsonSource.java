package dev.fisherman.daemon.source;

import dev.fisherman.core.Admission;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.daemon.CheckResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session events as newline-delimited JSON, one {@link SessionEventParser event} per line, either
 * from a file that is followed as it grows (like {@code tail -F}: truncation and replacement are
 * noticed) or from a stream such as standard input. A bad line is logged with its number and
 * skipped; the lines after it go on. Blank lines are ignored.
 */
public final class NdjsonSource implements SessionSource {
  /** Longest line read; a longer one is skipped whole. */
  public static final int MAX_LINE_BYTES = 1 << 20;

  private static final Logger log = LoggerFactory.getLogger(NdjsonSource.class);
  private static final String KIND = "ndjson";
  private static final int CHUNK = 64 * 1024;
  // Bounds one poll so a huge file cannot hold the shared timer thread for long.
  private static final long MAX_BYTES_PER_POLL = 16L * CHUNK * 16;

  private final String name;
  private final SessionEventParser parser;
  private final SourceMetrics metrics;
  private final LineSplitter splitter;
  private final AtomicLong linesRead = new AtomicLong();
  private final Object lock = new Object();

  // File mode.
  private final Path file;
  private final ScheduledExecutorService timer;
  private final Duration pollInterval;
  private FileChannel channel;
  private Object fileKey;
  private long position;
  private ScheduledFuture<?> polling;

  // Stream mode.
  private final InputStream stream;
  private Thread reader;

  private volatile SessionSink sink;
  private volatile boolean closed;
  private volatile String problem;
  private volatile boolean endOfInput;

  private NdjsonSource(
      String name,
      SessionEventParser parser,
      SourceMetrics metrics,
      Path file,
      ScheduledExecutorService timer,
      Duration pollInterval,
      InputStream stream) {
    this.name = name;
    this.parser = Objects.requireNonNull(parser, "parser");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.file = file;
    this.timer = timer;
    this.pollInterval = pollInterval;
    this.stream = stream;
    this.splitter = new LineSplitter(MAX_LINE_BYTES, new Lines());
  }

  /**
   * Follows {@code file} from its first line, polling for growth every {@code pollInterval} on the
   * caller's {@code timer} (not shut down here).
   */
  public static NdjsonSource follow(
      Path file,
      SessionEventParser parser,
      SourceMetrics metrics,
      ScheduledExecutorService timer,
      Duration pollInterval) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(timer, "timer");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval: " + pollInterval + " (expected: > 0)");
    }
    return new NdjsonSource(KIND + ":" + file, parser, metrics, file, timer, pollInterval, null);
  }

  /**
   * Reads {@code in} (e.g. standard input) on a thread of its own until end of input. The stream is
   * the caller's: it is not closed here.
   */
  public static NdjsonSource stream(
      InputStream in, SessionEventParser parser, SourceMetrics metrics) {
    Objects.requireNonNull(in, "in");
    return new NdjsonSource(KIND + ":-", parser, metrics, null, null, null, in);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * {@inheritDoc}
   *
   * @throws UncheckedIOException if the followed file cannot be opened
   */
  @Override
  public void start(SessionSink sink) {
    Objects.requireNonNull(sink, "sink");
    synchronized (lock) {
      if (this.sink != null || closed) {
        throw new IllegalStateException(name + ": already started or closed");
      }
      this.sink = sink;
      if (file != null) {
        try {
          open();
        } catch (IOException e) {
          throw new UncheckedIOException(name + ": cannot open " + file + ": " + e, e);
        }
        polling =
            timer.scheduleWithFixedDelay(
                this::pollSafely, 0, pollInterval.toNanos(), TimeUnit.NANOSECONDS);
      } else {
        reader = new Thread(this::readStream, "fisherman-ndjson-stdin");
        // A blocked read of standard input cannot be interrupted; it must not hold the JVM.
        reader.setDaemon(true);
        reader.start();
      }
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

  private void readStream() {
    byte[] buffer = new byte[CHUNK];
    try {
      int n;
      while (!closed && (n = stream.read(buffer)) >= 0) {
        splitter.feed(buffer, 0, n);
      }
      if (!closed) {
        splitter.finish();
        endOfInput = true;
        log.info("{}: end of input after {} line(s)", name, linesRead.get());
      }
    } catch (IOException e) {
      if (!closed) {
        problem = e.toString();
        log.warn("{}: read failed: {}", name, e.toString());
      }
    }
  }

  private final class Lines implements LineSplitter.Listener {
    @Override
    public void line(long number, byte[] line) {
      linesRead.incrementAndGet();
      if (closed || isBlank(line)) {
        return;
      }
      SessionStarted session;
      try {
        session = parser.parse(line);
      } catch (InvalidSessionEventException e) {
        metrics.record(KIND, SourceMetrics.Result.INVALID);
        log.warn("{} line {}: {} (skipped)", name, number, e.getMessage());
        return;
      }
      try {
        Admission a = sink.submit(session);
        metrics.record(
            KIND,
            a == Admission.ACCEPTED
                ? SourceMetrics.Result.ACCEPTED
                : SourceMetrics.Result.DUPLICATE);
        log.info("{} line {}: session {} {}", name, number, session.sessionId(), describe(a));
      } catch (RuntimeException e) {
        metrics.record(KIND, SourceMetrics.Result.REFUSED);
        log.warn(
            "{} line {}: session {} refused: {}",
            name,
            number,
            session.sessionId(),
            e.getMessage());
      }
    }

    @Override
    public void overlong(long number) {
      linesRead.incrementAndGet();
      metrics.record(KIND, SourceMetrics.Result.INVALID);
      log.warn("{} line {}: longer than {} bytes (skipped)", name, number, MAX_LINE_BYTES);
    }
  }

  private static String describe(Admission a) {
    return a == Admission.ACCEPTED ? "accepted" : "already known";
  }

  private static boolean isBlank(byte[] line) {
    return new String(line, StandardCharsets.UTF_8).isBlank();
  }

  @Override
  public CheckResult check() {
    if (closed) {
      return CheckResult.failed("closed");
    }
    if (sink == null) {
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
      if (reader != null) {
        reader.interrupt();
      }
    }
  }
}
