package dev.fisherman.bench.load;

import dev.fisherman.bench.report.BenchmarksDoc.MicroResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH microbenchmarks of {@code dev.fisherman.bench.micro} with short, fixed settings. */
final class Micro {
  static final String PATTERN = "dev\\.fisherman\\.bench\\.micro\\..*";

  private Micro() {}

  /** The equivalent command line, for the doc. */
  static String command(boolean quick) {
    return "java -cp bench/target/fisherman-bench.jar org.openjdk.jmh.Main '"
        + PATTERN
        + "' -f 1 -wi "
        + (quick ? 1 : 2)
        + " -w 1s -i "
        + (quick ? 1 : 3)
        + " -r 1s";
  }

  static List<MicroResult> run(Context ctx) throws RunnerException {
    boolean quick = ctx.options.quick();
    Options opts =
        new OptionsBuilder()
            .include(PATTERN)
            .forks(1)
            .warmupIterations(quick ? 1 : 2)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(quick ? 1 : 3)
            .measurementTime(TimeValue.seconds(1))
            .jvmArgsAppend("-Dlogback.configurationFile=bench-logback.xml")
            .build();
    Collection<RunResult> results = new Runner(opts).run();
    List<MicroResult> out = new ArrayList<>();
    for (RunResult r : results) {
      var params = r.getParams();
      StringBuilder p = new StringBuilder();
      for (String key : params.getParamsKeys()) {
        p.append(p.isEmpty() ? "" : ", ").append(key).append('=').append(params.getParam(key));
      }
      if (params.getThreads() > 1) {
        p.append(p.isEmpty() ? "" : ", ").append("threads=").append(params.getThreads());
      }
      String name = params.getBenchmark();
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      out.add(
          new MicroResult(
              name,
              p.toString(),
              r.getPrimaryResult().getScore(),
              r.getPrimaryResult().getScoreError(),
              r.getPrimaryResult().getScoreUnit()));
    }
    return out;
  }
}
