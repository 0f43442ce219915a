package dev.fisherman.bench.load;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Command-line options of the harness.
 *
 * @param out the markdown file to (re)write
 * @param daemonJar the packaged daemon
 * @param runs repetitions of each scenario
 * @param only scenarios to run (all when empty)
 * @param quick shorter windows, for smoke runs; figures are then not worth recording
 * @param jfr record a JFR profile of the daemon in the admin scenario and of the harness JVM
 *     (engine scenarios), into the work dir
 * @param daemonOpts extra JVM options for every daemon process, e.g. another collector
 */
record Options(
    Path out,
    Path daemonJar,
    int runs,
    Set<String> only,
    boolean quick,
    boolean jfr,
    List<String> daemonOpts) {
  static final List<String> SCENARIOS =
      List.of(
          "micro",
          "throughput",
          "overhead",
          "fanout",
          "memory",
          "admin",
          "startup",
          "lowrate",
          "scale",
          "selection");

  static Options parse(String[] args) {
    Path out = Path.of("docs/benchmarks.md");
    Path jar = Path.of("fisherman-daemon/target/fisherman.jar");
    int runs = 3;
    Set<String> only = new LinkedHashSet<>();
    boolean quick = false;
    boolean jfr = false;
    List<String> daemonOpts = List.of();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--daemon-jar" -> jar = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--only" -> {
          for (String s : args[++i].split(",")) {
            if (!SCENARIOS.contains(s)) {
              throw new IllegalArgumentException(
                  "--only: " + s + " (expected: one of " + SCENARIOS + ")");
            }
            only.add(s);
          }
        }
        case "--quick" -> quick = true;
        case "--jfr" -> jfr = true;
        case "--daemon-opts" -> daemonOpts = List.of(args[++i].trim().split("\\s+"));
        default ->
            throw new IllegalArgumentException(
                args[i]
                    + " (expected: --out F, --daemon-jar F, --runs N, --only A,B, --quick, --jfr, --daemon-opts \"-X.. -X..\")");
      }
    }
    if (runs < 1) {
      throw new IllegalArgumentException("--runs: " + runs + " (expected: >= 1)");
    }
    return new Options(out, jar, runs, only, quick, jfr, daemonOpts);
  }

  boolean wants(String scenario) {
    return only.isEmpty() || only.contains(scenario);
  }
}
