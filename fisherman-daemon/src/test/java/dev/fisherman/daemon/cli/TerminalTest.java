package dev.fisherman.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {
  @Test
  void of_noConsole_isPlain() {
    assertThat(Terminal.of(Map.of(), false)).isEqualTo(Terminal.PLAIN);
  }

  @Test
  void of_console_redrawsAndColours() {
    assertThat(Terminal.of(Map.of("TERM", "xterm-256color"), true))
        .isEqualTo(new Terminal(true, true));
  }

  @Test
  void of_noColorSet_redrawsWithoutColour() {
    assertThat(Terminal.of(Map.of("NO_COLOR", "1"), true)).isEqualTo(new Terminal(true, false));
  }

  @Test
  void of_noColorEmpty_stillColours() {
    // no-color.org: only a non-empty NO_COLOR disables colour.
    assertThat(Terminal.of(Map.of("NO_COLOR", ""), true)).isEqualTo(new Terminal(true, true));
  }

  @Test
  void of_dumbTerminal_isPlain() {
    assertThat(Terminal.of(Map.of("TERM", "dumb"), true)).isEqualTo(Terminal.PLAIN);
  }

  @Test
  void frame_plain_isTheTextThenABlankLine() {
    assertThat(Terminal.PLAIN.frame("a\nb\n")).isEqualTo("a\nb\n\n");
  }

  @Test
  void frame_terminal_goesHome_clearsEachLineAndTheRestOfTheScreen() {
    assertThat(new Terminal(true, false).frame("a\nb\n"))
        .isEqualTo("\033[H" + "a\033[K\n" + "b\033[K\n" + "\033[J");
  }

  @Test
  void colourWithoutATerminal_isRefused() {
    assertThatThrownBy(() -> new Terminal(false, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("colour: true (expected: only on a terminal)");
  }
}
