package dev.fisherman.daemon.export;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.fisherman.core.export.SessionExport;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.daemon.api.ServicerObservation;
import dev.fisherman.daemon.api.Session;
import dev.fisherman.daemon.api.Wire;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each finished session as {@code <session_id>.ndjson} in one directory: the report on the
 * first line, then one observation per line (round order, then session order). A file is written
 * under {@code <session_id>.ndjson.tmp}, forced to disk and renamed, so a crash never leaves a half
 * {@code .ndjson} file; leftover temporary files are deleted at start. Beyond {@code maxFiles}
 * files or {@code maxBytes} bytes the oldest files are deleted. Files are written on a thread this
 * export owns; {@link #close()} writes what is queued, then stops it.
 */
public final class DirectoryExport implements SessionExport, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryExport.class);

  /** The suffix of an exported session. */
  public static final String SUFFIX = ".ndjson";

  static final String TEMP_SUFFIX = ".ndjson.tmp";

  // Session ids are checked by the sources; this also keeps a name inside the directory.
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:~-]{0,127}");

  private final Path dir;
  private final long maxBytes;
  private final int maxFiles;
  private final ExecutorService writer;
  private final Map<String, ConcurrentLinkedQueue<Observation>> buffers = new ConcurrentHashMap<>();

  /**
   * Opens {@code dir} (created when missing) and deletes temporary files a crash left there.
   *
   * @throws UncheckedIOException if the directory cannot be created or read
   */
  public DirectoryExport(Path dir, long maxBytes, int maxFiles) {
    this.dir = Objects.requireNonNull(dir, "dir");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 1)");
    }
    if (maxFiles < 1) {
      throw new IllegalArgumentException("maxFiles: " + maxFiles + " (expected: >= 1)");
    }
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
    try {
      Files.createDirectories(dir);
      try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "*" + TEMP_SUFFIX)) {
        for (Path t : temps) {
          Files.deleteIfExists(t);
          LOG.info("export: deleted {} left by an interrupted write", t.getFileName());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("export: cannot use " + dir + ": " + e.getMessage(), e);
    }
    this.writer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "fisherman-export");
              t.setDaemon(true);
              return t;
            });
  }

  /** The directory files are written to. */
  public Path dir() {
    return dir;
  }

  @Override
  public void round(RoundResult round) {
    buffers
        .computeIfAbsent(round.sessionId(), id -> new ConcurrentLinkedQueue<>())
        .addAll(round.observations());
  }

  @Override
  public void finished(SessionReport report) {
    String id = report.summary().sessionId();
    ConcurrentLinkedQueue<Observation> buffered = buffers.remove(id);
    List<Observation> observations = buffered == null ? List.of() : new ArrayList<>(buffered);
    if (!SAFE.matcher(id).matches()) {
      LOG.warn("export: session id {} cannot be a file name; not exported", id);
      return;
    }
    try {
      writer.execute(() -> write(report, observations));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.warn("export: closed, session {} not exported", id);
    }
  }

  /** The exported file of a session, when there is one. */
  public Optional<Path> file(String sessionId) {
    if (!SAFE.matcher(sessionId).matches()) {
      return Optional.empty();
    }
    Path p = dir.resolve(sessionId + SUFFIX);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  private void write(SessionReport report, List<Observation> observations) {
    String id = report.summary().sessionId();
    Map<String, Integer> order = new ConcurrentHashMap<>();
    for (int i = 0; i < report.servicers().size(); i++) {
      order.put(report.servicers().get(i).address(), i);
    }
    observations.sort(
        Comparator.comparingInt(Observation::round)
            .thenComparingInt(o -> order.getOrDefault(o.servicer(), Integer.MAX_VALUE)));
    Path temp = dir.resolve(id + TEMP_SUFFIX);
    Path target = dir.resolve(id + SUFFIX);
    ObjectWriter json = Wire.writer();
    try {
      try (FileChannel ch =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024);
        out.write(json.writeValueAsBytes(Session.of(report)));
        out.write('\n');
        for (Observation o : observations) {
          out.write(json.writeValueAsBytes(ServicerObservation.of(o)));
          out.write('\n');
        }
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      LOG.debug("export: {} written, {} observations", target.getFileName(), observations.size());
      enforceCaps(target);
    } catch (IOException e) {
      LOG.warn("export: session {} not written: {}", id, e.toString());
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // The next start deletes it.
      }
    }
  }

  private record Exported(Path path, FileTime modified, long size) {}

  private void enforceCaps(Path newest) throws IOException {
    List<Exported> files = new ArrayList<>();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path p : all) {
        if (Files.isRegularFile(p)) {
          files.add(new Exported(p, Files.getLastModifiedTime(p), Files.size(p)));
        }
      }
    }
    files.sort(
        Comparator.comparing(Exported::modified)
            .thenComparing(e -> e.path().getFileName().toString()));
    long total = files.stream().mapToLong(Exported::size).sum();
    int count = files.size();
    for (Exported e : files) {
      if (count <= maxFiles && total <= maxBytes) {
        break;
      }
      if (e.path().equals(newest)) {
        continue;
      }
      Files.deleteIfExists(e.path());
      count--;
      total -= e.size();
      LOG.debug("export: deleted {} (oldest beyond the caps)", e.path().getFileName());
    }
  }

  /** Writes what is queued (bounded), then stops the writer thread. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
        writer.shutdownNow();
      }
    } catch (InterruptedException e) {
      writer.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
