package dev.fisherman.daemon.status;

import dev.fisherman.daemon.api.Observation;
import java.util.List;
import java.util.Locale;

/**
 * A small inline SVG of a servicer's recent probes, oldest left: an ok probe is a bar as tall as
 * its latency against the slowest shown, a failed one a full red bar, a cancelled one a grey stub.
 * Its accessible name says the same in words.
 */
final class Sparkline {
  /** The most probes one sparkline shows; older ones are left out. */
  static final int MAX_PROBES = 30;

  private static final int BAR = 4;
  private static final int GAP = 1;
  private static final int HEIGHT = 20;

  private Sparkline() {}

  static String svg(List<Observation> probes) {
    if (probes.isEmpty()) {
      return "<span class=\"none\">–</span>";
    }
    List<Observation> shown =
        probes.subList(Math.max(0, probes.size() - MAX_PROBES), probes.size());
    double slowest = 0;
    int ok = 0;
    int failed = 0;
    int cancelled = 0;
    for (Observation o : shown) {
      switch (StatusPage.probeClass(o)) {
        case "ok" -> {
          ok++;
          slowest = Math.max(slowest, o.totalMs());
        }
        case "cancelled" -> cancelled++;
        default -> failed++;
      }
    }
    String label =
        String.format(
            Locale.ROOT,
            "last %d probes: %d ok, %d failed%s",
            shown.size(),
            ok,
            failed,
            cancelled > 0 ? ", " + cancelled + " cancelled" : "");
    int width = shown.size() * (BAR + GAP);
    StringBuilder s = new StringBuilder(64 + 80 * shown.size());
    s.append("<svg class=\"spark\" role=\"img\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(HEIGHT)
        .append("\" aria-label=\"")
        .append(label)
        .append("\"><title>")
        .append(label)
        .append("</title>");
    for (int i = 0; i < shown.size(); i++) {
      Observation o = shown.get(i);
      String kind = StatusPage.probeClass(o);
      int h =
          switch (kind) {
            case "ok" ->
                slowest <= 0
                    ? HEIGHT / 2
                    : Math.max(2, (int) Math.round(HEIGHT * o.totalMs() / slowest));
            case "cancelled" -> 3;
            default -> HEIGHT;
          };
      s.append("<rect class=\"")
          .append(kind)
          .append("\" x=\"")
          .append(i * (BAR + GAP))
          .append("\" y=\"")
          .append(HEIGHT - h)
          .append("\" width=\"")
          .append(BAR)
          .append("\" height=\"")
          .append(h)
          .append("\"/>");
    }
    return s.append("</svg>").toString();
  }
}
