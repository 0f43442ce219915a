package dev.fisherman.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The packaged daemon started for scenarios, in a temp directory of its own that holds its genesis,
 * its log and any session file it follows.
 *
 * <p>{@link #shared()} is one webhook daemon for every scenario that does not ask for its own,
 * started on first use and stopped when the run ends: scenarios on it stay independent because each
 * uses its own session ids and its own servicers. {@link #start} starts a daemon for one scenario;
 * the scenario closes it.
 */
public final class FishermanDaemon implements AutoCloseable {

  private static FishermanDaemon shared;

  private final DaemonProcess daemon;
  private final Path dir;

  private FishermanDaemon(DaemonProcess daemon, Path dir) {
    this.daemon = Objects.requireNonNull(daemon, "daemon");
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  /** The shared daemon (webhook source, {@link GenesisFile#shortSessions()}), started once. */
  public static synchronized FishermanDaemon shared() {
    if (shared == null) {
      shared = start(GenesisFile.shortSessions(), "webhook");
    }
    return shared;
  }

  /** Stops the shared daemon if it was started; see {@link #close()}. */
  public static synchronized void stopShared() {
    if (shared != null) {
      FishermanDaemon stopping = shared;
      shared = null;
      stopping.close();
    }
  }

  /**
   * Starts a daemon and waits until it is ready.
   *
   * @param source {@code webhook}, or {@code ndjson:} followed by a file name that is resolved in
   *     the daemon's own temp directory (see {@link #dir()}); the file is created empty first
   */
  public static FishermanDaemon start(GenesisFile genesis, String source) {
    try {
      Path dir = Files.createTempDirectory("fisherman-e2e-");
      Path genesisFile = genesis.writeTo(dir);
      String resolved = source;
      if (source.startsWith("ndjson:")) {
        Path ndjson = Files.createFile(dir.resolve(source.substring("ndjson:".length())));
        resolved = "ndjson:" + ndjson;
      }
      return new FishermanDaemon(DaemonProcess.run(dir, genesisFile, resolved), dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The running daemon. */
  public DaemonProcess process() {
    return daemon;
  }

  /** A client of its admin port. */
  public AdminClient client() {
    return daemon.client();
  }

  /** The daemon's own temp directory (genesis, log, ndjson files). */
  public Path dir() {
    return dir;
  }

  /**
   * Stops the daemon and requires a clean exit; its directory (genesis, log) is removed only then,
   * so a failed run leaves the log behind for a look.
   */
  @Override
  public void close() {
    OptionalInt code = daemon.stop();
    if (code.isEmpty() || code.getAsInt() != 0) {
      throw new AssertionError(
          "the daemon did not stop cleanly on SIGTERM (exit "
              + (code.isEmpty() ? "none, killed" : code.getAsInt())
              + ", files kept in "
              + dir
              + ")\n"
              + daemon.describe());
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
