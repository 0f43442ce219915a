package dev.fisherman.bench;

import dev.fisherman.bench.load.Harness;
import dev.fisherman.bench.servicer.ServicerMain;
import java.util.Arrays;

/**
 * Entry point of the benchmark jar: {@code run} (the default) is the load harness behind {@code
 * make bench}; the other modes are the child processes it starts.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    // Children answer the harness on stdout, so logging must not go there.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "bench-logback.xml");
    }
    // As the packaged daemon (its Main): the engine measured in-process, the servicer and the
    // generators run without Netty's sampled leak detection, which walks a stack per sampled
    // buffer.
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      io.netty.util.ResourceLeakDetector.setLevel(
          io.netty.util.ResourceLeakDetector.Level.DISABLED);
    }
    String mode = args.length == 0 || args[0].startsWith("--") ? "run" : args[0];
    String[] rest = args.length == 0 || args[0].startsWith("--") ? args : tail(args);
    switch (mode) {
      case "run" -> System.exit(Harness.main(rest));
      case "servicer" -> ServicerMain.run(rest);
      case "soak" -> dev.fisherman.bench.load.Soak.main(rest);
      default -> Harness.child(mode, rest);
    }
  }

  private static String[] tail(String[] args) {
    return Arrays.copyOfRange(args, 1, args.length);
  }
}
