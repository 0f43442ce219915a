package dev.fisherman.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A JUnit extension that runs the packaged daemon for a scenario class, prints its log when a
 * scenario fails, and always stops it.
 *
 * <p>{@link #shared()} is one webhook daemon for every class that asks for it, started once and
 * stopped when the whole run ends: scenarios on it stay independent because each uses its own
 * session id and its own servicers. {@link #own} starts a daemon for one class only.
 */
public final class FishermanDaemon implements BeforeAllCallback, AfterAllCallback, TestWatcher {

  private static final String SHARED_KEY = "fisherman-shared-webhook-daemon";

  private final boolean shared;
  private final GenesisFile genesis;
  private final String source;
  private volatile DaemonProcess daemon;
  private volatile Path dir;

  private FishermanDaemon(boolean shared, GenesisFile genesis, String source) {
    this.shared = shared;
    this.genesis = Objects.requireNonNull(genesis, "genesis");
    this.source = Objects.requireNonNull(source, "source");
  }

  /** The daemon shared by scenario classes: webhook source, {@link GenesisFile#shortSessions()}. */
  public static FishermanDaemon shared() {
    return new FishermanDaemon(true, GenesisFile.shortSessions(), "webhook");
  }

  /**
   * A daemon of this class alone.
   *
   * @param source {@code webhook}, or {@code ndjson:} followed by a file name that is resolved in
   *     the daemon's own temp directory (see {@link #dir()})
   */
  public static FishermanDaemon own(GenesisFile genesis, String source) {
    return new FishermanDaemon(false, genesis, source);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (shared) {
      SharedDaemon resource =
          context
              .getRoot()
              .getStore(ExtensionContext.Namespace.GLOBAL)
              .getOrComputeIfAbsent(
                  SHARED_KEY, key -> new SharedDaemon(start(genesis, source)), SharedDaemon.class);
      daemon = resource.daemon();
      dir = resource.dir();
    } else {
      Started started = start(genesis, source);
      daemon = started.daemon();
      dir = started.dir();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!shared && daemon != null) {
      stopAndClean(new Started(daemon, dir));
    }
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    DaemonProcess d = daemon;
    if (d != null) {
      System.err.println(
          "Scenario \"" + context.getDisplayName() + "\" failed; the daemon:\n" + d.describe());
    }
  }

  /** The running daemon. */
  public DaemonProcess process() {
    return Objects.requireNonNull(daemon, "daemon not started (register with @RegisterExtension)");
  }

  /** A client of its admin port. */
  public AdminClient client() {
    return process().client();
  }

  /** The daemon's own temp directory (genesis, log, ndjson files). */
  public Path dir() {
    return dir;
  }

  private record Started(DaemonProcess daemon, Path dir) {}

  /**
   * Stops the daemon and requires a clean exit; its directory (genesis, log) is removed only then,
   * so a failed run leaves the log behind for a look.
   */
  private static void stopAndClean(Started started) {
    OptionalInt code = started.daemon().stop();
    if (code.isEmpty() || code.getAsInt() != 0) {
      throw new AssertionError(
          "daemon did not stop cleanly on SIGTERM (exit "
              + (code.isEmpty() ? "none, killed" : code.getAsInt())
              + ", files kept in "
              + started.dir()
              + ")\n"
              + started.daemon().describe());
    }
    try (Stream<Path> files = Files.walk(started.dir())) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Started start(GenesisFile genesis, String source) {
    try {
      Path dir = Files.createTempDirectory("fisherman-e2e-");
      Path genesisFile = genesis.writeTo(dir);
      String resolved = source;
      if (source.startsWith("ndjson:")) {
        // The file exists (empty) before the daemon starts; scenarios append lines to it.
        Path ndjson = Files.createFile(dir.resolve(source.substring("ndjson:".length())));
        resolved = "ndjson:" + ndjson;
      }
      return new Started(DaemonProcess.run(dir, genesisFile, resolved), dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shared daemon as a resource JUnit closes when the run ends. */
  private record SharedDaemon(Started started) implements AutoCloseable {
    DaemonProcess daemon() {
      return started.daemon();
    }

    Path dir() {
      return started.dir();
    }

    @Override
    public void close() {
      stopAndClean(started);
    }
  }
}
