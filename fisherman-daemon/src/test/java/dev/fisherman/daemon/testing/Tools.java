package dev.fisherman.daemon.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools tests need (promtool, ...). In CI ({@code CI=true}) a missing tool fails the test,
 * because CI installs them ({@code bin/ensure-tools}); elsewhere the test is skipped with a message
 * that says what to install.
 */
public final class Tools {
  private Tools() {}

  /** Whether this run is CI: the environment variable {@code CI} is {@code true}. */
  public static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** The executable {@code tool} on PATH, if there is one. */
  public static Optional<Path> onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The executable {@code tool}; fails the test in CI when it is missing, and aborts (skips) it
   * elsewhere, printing why on stderr so the skip is not silent.
   */
  public static Path require(String tool, String debianPackage) {
    Optional<Path> found = onPath(tool);
    if (found.isPresent()) {
      return found.get();
    }
    String message = missing(tool, debianPackage);
    if (ci()) {
      return Assertions.fail(message + " (CI=true: required)");
    }
    System.err.println("SKIPPED: " + message);
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  /**
   * Like {@link #require} but for a check that is one part of a larger test: in CI a missing tool
   * fails; elsewhere the missing check is announced on stderr and the rest of the test goes on.
   */
  public static Optional<Path> optional(String tool, String debianPackage) {
    Optional<Path> found = onPath(tool);
    if (found.isEmpty()) {
      String message = missing(tool, debianPackage);
      if (ci()) {
        Assertions.fail(message + " (CI=true: required)");
      }
      System.err.println("NOT CHECKED: " + message);
    }
    return found;
  }

  private static String missing(String tool, String debianPackage) {
    return tool
        + " is not on PATH: install it with `apt-get install "
        + debianPackage
        + "` or run bin/ensure-tools";
  }
}
