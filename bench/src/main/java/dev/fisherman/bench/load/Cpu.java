package dev.fisherman.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Process CPU time from {@code /proc/<pid>/stat} (user + system, in clock ticks of 10 ms). */
final class Cpu {
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

  private Cpu() {}

  static Duration of(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // The command name (field 2) may contain spaces; fields after its closing ')' are fixed.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
      return Duration.ofNanos(ticks * NANOS_PER_TICK);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
    }
  }

  static Duration self() {
    return of(ProcessHandle.current().pid());
  }
}
