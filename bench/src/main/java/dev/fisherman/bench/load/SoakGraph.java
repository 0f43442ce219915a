package dev.fisherman.bench.load;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The soak's samples as one SVG of four panels, drawn here so no plotting tool is needed. */
final class SoakGraph {
  private static final int W = 440;
  private static final int H = 180;
  private static final int PAD_L = 56;
  private static final int PAD_T = 26;
  private static final int PAD_B = 30;

  private SoakGraph() {}

  static String svg(List<Soak.Sample> s) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
            2 * W,
            2 * H));
    b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    panel(
        b,
        s,
        0,
        0,
        "heap used (blue) and its floor (red), MiB",
        Soak.Sample::heapMiB,
        Soak.Sample::heapFloorMiB);
    panel(b, s, W, 0, "direct memory: JVM buffers + Netty (MiB)", Soak.Sample::directMiB, null);
    panel(b, s, 0, H, "threads", Soak.Sample::threads, null);
    panel(b, s, W, H, "open file descriptors", Soak.Sample::fds, null);
    return b.append("</svg>\n").toString();
  }

  private static void panel(
      StringBuilder b,
      List<Soak.Sample> s,
      int x0,
      int y0,
      String title,
      ToDoubleFunction<Soak.Sample> main,
      ToDoubleFunction<Soak.Sample> second) {
    double tMax = s.isEmpty() ? 1 : Math.max(1e-9, s.get(s.size() - 1).minute());
    double yMax = 0;
    for (Soak.Sample x : s) {
      yMax = Math.max(yMax, main.applyAsDouble(x));
      if (second != null) {
        yMax = Math.max(yMax, second.applyAsDouble(x));
      }
    }
    yMax = yMax <= 0 ? 1 : yMax * 1.1;
    int pw = W - PAD_L - 16;
    int ph = H - PAD_T - PAD_B;
    int left = x0 + PAD_L;
    int top = y0 + PAD_T;
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
            left,
            y0 + 16,
            title));
    b.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
            left,
            top,
            pw,
            ph));
    for (int i = 0; i <= 2; i++) {
      double v = yMax * i / 2;
      double y = top + ph - ph * i / 2.0;
      b.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
              left - 4,
              y + 4,
              label(v)));
    }
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">0</text>%n", left, top + ph + 14));
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f min</text>%n",
            left + pw,
            top + ph + 14,
            tMax));
    // The judged second half, shaded.
    b.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#eef\"/>%n",
            left + pw / 2,
            top + 1,
            pw / 2 - 1,
            ph - 2));
    line(b, s, main, "#1f77b4", left, top, pw, ph, tMax, yMax);
    if (second != null) {
      line(b, s, second, "#d62728", left, top, pw, ph, tMax, yMax);
    }
  }

  private static void line(
      StringBuilder b,
      List<Soak.Sample> s,
      ToDoubleFunction<Soak.Sample> f,
      String color,
      int left,
      int top,
      int pw,
      int ph,
      double tMax,
      double yMax) {
    b.append("<polyline fill=\"none\" stroke=\"")
        .append(color)
        .append("\" stroke-width=\"1.2\" points=\"");
    for (Soak.Sample x : s) {
      b.append(
          String.format(
              Locale.ROOT,
              "%.1f,%.1f ",
              left + pw * x.minute() / tMax,
              top + ph - ph * f.applyAsDouble(x) / yMax));
    }
    b.append("\"/>\n");
  }

  private static String label(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
