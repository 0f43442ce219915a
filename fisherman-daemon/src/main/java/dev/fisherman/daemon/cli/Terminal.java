package dev.fisherman.daemon.cli;

import java.util.Map;

/**
 * What standard output can do: redraw a table in place (a terminal, like {@code top}) and colour
 * verdicts (a terminal, unless {@code NO_COLOR} is set, see https://no-color.org). Elsewhere (a
 * pipe, a file, a log) tables are printed one after another, without escape codes.
 */
record Terminal(boolean redraw, boolean colour) {
  /** Not a terminal: plain text only. */
  static final Terminal PLAIN = new Terminal(false, false);

  static final String HOME = "\033[H";
  static final String CLEAR_LINE = "\033[K";
  static final String CLEAR_DOWN = "\033[J";

  Terminal {
    if (colour && !redraw) {
      throw new IllegalArgumentException("colour: true (expected: only on a terminal)");
    }
  }

  /** This process's standard output. */
  static Terminal detect() {
    return of(System.getenv(), System.console() != null);
  }

  /**
   * @param env the environment ({@code NO_COLOR}, {@code TERM})
   * @param console whether the process has an interactive console
   */
  static Terminal of(Map<String, String> env, boolean console) {
    boolean terminal = console && !"dumb".equals(env.get("TERM"));
    String noColor = env.get("NO_COLOR");
    // no-color.org: set and not empty disables colour.
    return new Terminal(terminal, terminal && (noColor == null || noColor.isEmpty()));
  }

  /**
   * One screenful: on a terminal the cursor goes home, each line clears what is left of the old one
   * and the rest of the screen is cleared after it; elsewhere the frame as it is, then a blank line
   * to part it from the next.
   */
  String frame(String text) {
    if (!redraw) {
      return text.endsWith("\n") ? text + "\n" : text + "\n\n";
    }
    String body = text.endsWith("\n") ? text : text + "\n";
    return HOME + body.replace("\n", CLEAR_LINE + "\n") + CLEAR_DOWN;
  }
}
