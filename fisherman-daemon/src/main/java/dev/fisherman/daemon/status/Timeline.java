package dev.fisherman.daemon.status;

import dev.fisherman.daemon.api.Observation;
import dev.fisherman.daemon.api.Session;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A session's rounds as a strip, first left: the rounds whose probes the store still holds show
 * whether every servicer answered ok, other done rounds are grey, rounds not run are outlined
 * (still planned while the session is active, cancelled once it ended). A sentence says the counts.
 */
final class Timeline {
  /** Rounds past this many are summed up in the sentence only. */
  static final int MAX_ROUNDS = 120;

  private static final int CELL = 8;
  private static final int GAP = 2;
  private static final int HEIGHT = 14;

  private Timeline() {}

  static void render(StringBuilder h, Session session, Map<String, List<Observation>> probes) {
    int planned = session.roundsPlanned();
    int done = Math.min(session.roundsDone(), planned);
    boolean ended = !session.state().equals("active");
    int notRun = planned - done;
    // Round index (from 0) -> worst class seen among the servicers' retained probes of it.
    Map<Integer, String> seen = new TreeMap<>();
    probes.values().stream()
        .flatMap(List::stream)
        .forEach(o -> seen.merge(o.round(), StatusPage.probeClass(o), Timeline::worse));
    String sentence =
        String.format(
            Locale.ROOT,
            "Rounds: %d planned, %d done, %d %s.",
            planned,
            done,
            notRun,
            ended ? "cancelled" : "to go");
    h.append("<div class=\"timeline\">");
    int cells = Math.min(planned, MAX_ROUNDS);
    if (cells > 0) {
      int width = cells * (CELL + GAP);
      h.append("<svg role=\"img\" width=\"")
          .append(width)
          .append("\" height=\"")
          .append(HEIGHT)
          .append("\" viewBox=\"0 0 ")
          .append(width)
          .append(' ')
          .append(HEIGHT)
          .append("\" aria-label=\"Session timeline. ")
          .append(sentence)
          .append("\"><title>")
          .append(sentence)
          .append("</title>");
      for (int r = 0; r < cells; r++) {
        String kind;
        if (r < done) {
          kind = seen.getOrDefault(r, "done");
        } else {
          kind = ended ? "cancelled planned" : "planned";
        }
        h.append("<rect class=\"")
            .append(kind)
            .append("\" x=\"")
            .append(r * (CELL + GAP) + 0.5)
            .append("\" y=\"0.5\" width=\"")
            .append(CELL - 1)
            .append("\" height=\"")
            .append(HEIGHT - 1)
            .append("\"/>");
      }
      h.append("</svg>");
    }
    h.append("<p>")
        .append(sentence)
        .append(
            " <span class=\"meta\">Rounds whose probes are kept: green all ok, red a probe"
                + " failed.</span></p></div>\n");
  }

  private static String worse(String a, String b) {
    if (a.equals("failed") || b.equals("failed")) {
      return "failed";
    }
    if (a.equals("cancelled") || b.equals("cancelled")) {
      return "cancelled";
    }
    return "ok";
  }
}
