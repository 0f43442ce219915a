package dev.fisherman.bench.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a soak run showed: one verdict per resource over the second half, and the accounting. */
record SoakResult(
    Instant began,
    double minutes,
    int sessions,
    int samples,
    List<Trend> trends,
    String shutdownLine,
    long planned,
    long recorded,
    long cancelled,
    double healthzMaxMs) {

  /** A resource's least-squares slope over the second half of the run, against its bound. */
  record Trend(
      String name, String unit, double first, double last, double max, double slope, double bound) {
    boolean flat() {
      return slope <= bound;
    }
  }

  private static final Pattern SHUTDOWN =
      Pattern.compile("planned=(\\d+) recorded=(\\d+) cancelled=(\\d+)");

  static SoakResult judge(
      List<Soak.Sample> s, String shutdown, int sessions, double minutes, Instant began) {
    List<Soak.Sample> half = s.subList(s.size() / 2, s.size());
    List<Trend> trends = new ArrayList<>();
    trends.add(
        trend(
            "heap floor (lowest used heap in the last minute)",
            "MiB",
            half,
            Soak.Sample::heapFloorMiB,
            Soak.HEAP_FLOOR_MIB_PER_MIN));
    trends.add(
        trend(
            "direct memory (JVM buffers + Netty allocator)",
            "MiB",
            half,
            Soak.Sample::directMiB,
            Soak.DIRECT_MIB_PER_MIN));
    trends.add(trend("threads", "", half, Soak.Sample::threads, Soak.THREADS_PER_MIN));
    trends.add(trend("open file descriptors", "", half, Soak.Sample::fds, Soak.FDS_PER_MIN));
    Matcher m = SHUTDOWN.matcher(shutdown);
    long planned = -1;
    long recorded = -1;
    long cancelled = -1;
    if (m.find()) {
      planned = Long.parseLong(m.group(1));
      recorded = Long.parseLong(m.group(2));
      cancelled = Long.parseLong(m.group(3));
    }
    double healthz = s.stream().mapToDouble(Soak.Sample::healthzMs).max().orElse(0);
    return new SoakResult(
        began, minutes, sessions, s.size(), trends, shutdown, planned, recorded, cancelled,
        healthz);
  }

  /**
   * The Theil-Sen slope (the median of the slopes between every pair of samples) over the second
   * half: the counts step up and down by a hundred as fault sessions come and go, and a
   * least-squares line through such steps tilts with whichever phase the run happens to end in.
   */
  private static Trend trend(
      String name,
      String unit,
      List<Soak.Sample> half,
      ToDoubleFunction<Soak.Sample> f,
      double bound) {
    int n = half.size();
    List<Double> slopes = new ArrayList<>();
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, f.applyAsDouble(half.get(i)));
      for (int j = i + 1; j < n; j++) {
        double dx = half.get(j).minute() - half.get(i).minute();
        if (dx > 0) {
          slopes.add((f.applyAsDouble(half.get(j)) - f.applyAsDouble(half.get(i))) / dx);
        }
      }
    }
    slopes.sort(null);
    int k = slopes.size();
    double slope =
        k == 0
            ? 0
            : k % 2 == 1 ? slopes.get(k / 2) : (slopes.get(k / 2 - 1) + slopes.get(k / 2)) / 2;
    return new Trend(
        name,
        unit,
        f.applyAsDouble(half.get(0)),
        f.applyAsDouble(half.get(n - 1)),
        max,
        slope,
        bound);
  }

  boolean accounted() {
    return planned >= 0 && planned == recorded + cancelled;
  }

  boolean passed() {
    return accounted() && trends.stream().allMatch(Trend::flat);
  }

  String summary() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT, "soak: %.1f min, %d sessions, %d samples%n", minutes, sessions, samples));
    for (Trend t : trends) {
      b.append(
          String.format(
              Locale.ROOT,
              "  %-50s Theil-Sen slope %+8.3f %s/min (bound %.1f) %s%n",
              t.name(),
              t.slope(),
              t.unit(),
              t.bound(),
              t.flat() ? "flat" : "GROWING"));
    }
    b.append("  ").append(shutdownLine.isEmpty() ? "no shutdown line" : shutdownLine.strip());
    b.append(accounted() ? " (accounted)" : " (NOT accounted)");
    return b.toString();
  }
}
