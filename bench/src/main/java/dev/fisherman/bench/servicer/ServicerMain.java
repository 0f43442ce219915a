package dev.fisherman.bench.servicer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;

/**
 * Runs a {@link BenchServicer} as its own process, so the prober, {@code wrk} and the blackbox
 * exporter all hit one servicer whose CPU is not counted as theirs. Speaks a line protocol on
 * stdin/stdout: it prints {@code port N} once, then answers {@code delay NANOS}, {@code slack},
 * {@code requests}; end of input stops it.
 */
public final class ServicerMain {
  private ServicerMain() {}

  public static void run(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (BenchServicer servicer = BenchServicer.start(threads, 0)) {
      out.println("port " + servicer.port());
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] words = line.trim().split(" ");
        switch (words[0]) {
          case "delay" -> {
            servicer.delay(Long.parseLong(words[1]));
            out.println("ok");
          }
          case "slack", "held" -> {
            Histogram h = words[0].equals("slack") ? servicer.takeSlack() : servicer.takeHeld();
            out.println(
                words[0]
                    + " "
                    + h.getTotalCount()
                    + " "
                    + h.getValueAtPercentile(50)
                    + " "
                    + h.getValueAtPercentile(99)
                    + " "
                    + h.getMaxValue());
          }
          case "requests" -> out.println("requests " + servicer.requests());
          default -> out.println("error unknown command: " + words[0]);
        }
      }
    }
  }
}
