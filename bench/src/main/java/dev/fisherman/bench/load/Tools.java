package dev.fisherman.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;

/** The external tools the harness compares against, which a machine may lack. */
final class Tools {
  private Tools() {}

  /** Whether {@code name} is an executable on the PATH. */
  static boolean installed(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }

  /** Says once, in the doc's setup notes, that a tool is missing and what was skipped. */
  static boolean require(Context ctx, String name, String skipped) {
    if (installed(name)) {
      return true;
    }
    String note =
        "`" + name + "` is not installed (apt-get install " + name + "): " + skipped + " skipped.";
    if (!ctx.setup.contains(note)) {
      ctx.setup.add(note);
      ctx.log("%s", note);
    }
    return false;
  }
}
