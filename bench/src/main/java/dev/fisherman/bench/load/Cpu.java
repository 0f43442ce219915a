package dev.fisherman.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** Process CPU time from {@code /proc/<pid>/stat} (user + system, in clock ticks of 10 ms). */
final class Cpu {
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

  private Cpu() {}

  static Duration of(long pid) {
    try {
      return Duration.ofNanos(
          ticks(Files.readString(Path.of("/proc/" + pid + "/stat"))) * NANOS_PER_TICK);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
    }
  }

  /**
   * CPU time of the process's JIT compiler threads (C1 and C2), summed over {@code
   * /proc/<pid>/task/*}: how much of the process's CPU went to compiling rather than running.
   * Compiler threads the JVM stopped meanwhile are no longer counted, so this is a lower bound.
   */
  static Duration compilers(long pid) {
    long ticks = 0;
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        try {
          String name = Files.readString(task.resolve("comm")).strip();
          if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            ticks += ticks(Files.readString(task.resolve("stat")));
          }
        } catch (NoSuchFileException e) {
          // The thread ended between the listing and the read.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the threads of process " + pid, e);
    }
    return Duration.ofNanos(ticks * NANOS_PER_TICK);
  }

  private static long ticks(String stat) {
    // The command name (field 2) may contain spaces; fields after its closing ')' are fixed.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
  }

  static Duration self() {
    return of(ProcessHandle.current().pid());
  }
}
