package dev.fisherman.core;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.OptionalLong;

/**
 * What the machine gives the engine: the heap ceiling and the file-descriptor limit. Budgets that
 * genesis {@code params.limits} leaves out are derived from these.
 *
 * @param maxHeapBytes {@link Runtime#maxMemory()}
 * @param maxFileDescriptors the process's open-file limit, when the platform tells it
 */
public record Resources(long maxHeapBytes, OptionalLong maxFileDescriptors) {
  private static final long MIB = 1024 * 1024;

  /** Descriptors kept back for the admin port, logs, the JVM's own files and stray sockets. */
  static final long RESERVED_FILE_DESCRIPTORS = 256;

  public Resources {
    if (maxHeapBytes < 1) {
      throw new IllegalArgumentException("maxHeapBytes: " + maxHeapBytes + " (expected: >= 1)");
    }
    if (maxFileDescriptors.isPresent() && maxFileDescriptors.getAsLong() < 1) {
      throw new IllegalArgumentException(
          "maxFileDescriptors: " + maxFileDescriptors.getAsLong() + " (expected: >= 1)");
    }
  }

  /** This JVM's heap ceiling and this process's file-descriptor limit. */
  public static Resources current() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    OptionalLong fds =
        os instanceof UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0
            ? OptionalLong.of(unix.getMaxFileDescriptorCount())
            : OptionalLong.empty();
    return new Resources(Runtime.getRuntime().maxMemory(), fds);
  }

  long heapMiB() {
    return Math.max(1, maxHeapBytes / MIB);
  }

  /** Default for {@code max_active_sessions}: 4 per MiB of heap, at least 16. */
  int defaultMaxActiveSessions() {
    return clamp(heapMiB() * 4, 16);
  }

  /** Default for {@code max_probe_rate}: 16 probes/s per MiB of heap, at least 100. */
  int defaultMaxProbeRate() {
    return clamp(heapMiB() * 16, 100);
  }

  /**
   * Default for {@code max_connections}: 32 per MiB of heap, and no more than three quarters of the
   * descriptors left after {@link #RESERVED_FILE_DESCRIPTORS}; at least 16.
   */
  int defaultMaxConnections() {
    long byHeap = heapMiB() * 32;
    long byFds =
        maxFileDescriptors.isPresent()
            ? (maxFileDescriptors.getAsLong() - RESERVED_FILE_DESCRIPTORS) * 3 / 4
            : Long.MAX_VALUE;
    return clamp(Math.min(byHeap, byFds), 16);
  }

  private static int clamp(long v, int floor) {
    return (int) Math.max(floor, Math.min(v, 100_000_000));
  }
}
