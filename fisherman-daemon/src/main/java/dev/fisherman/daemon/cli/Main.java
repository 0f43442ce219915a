package dev.fisherman.daemon.cli;

import io.netty.util.ResourceLeakDetector;

/** Process entry point: runs the picocli command tree and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    leakDetectionOffUnlessAsked();
    System.exit(FishermanCommand.commandLine().execute(args));
  }

  /**
   * Netty's leak detector, on by default, samples one buffer in 128 and walks the stack for each:
   * about 140 stack walks a second on the admin loop at 5,000 selections/s, enough to add a third
   * to the selection p99 (docs/benchmarks.md). The tests run every path under PARANOID detection
   * (the test kit's {@code NoLeaks}), so the packaged process turns it off, unless {@code
   * -Dio.netty.leakDetection.level} asks for a level (e.g. {@code simple} to look for a leak in
   * production).
   */
  static void leakDetectionOffUnlessAsked() {
    if (System.getProperty("io.netty.leakDetection.level") == null
        && System.getProperty("io.netty.leakDetectionLevel") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }
}
