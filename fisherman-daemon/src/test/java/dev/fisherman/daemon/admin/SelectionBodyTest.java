package dev.fisherman.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisherman.core.reputation.Selected;
import dev.fisherman.daemon.api.Selection;
import dev.fisherman.daemon.api.Wire;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The selection body is, byte for byte, what the wire writer makes of {@link Selection}. */
class SelectionBodyTest {
  private static final String ODD = "\"\\/\u0000\u001f\u007f<>&é€\uD83D\uDE00 \t\n";
  private static final int[] ODD_CODE_POINTS = ODD.codePoints().toArray();

  private static Selected selected(String address, String url, int score) {
    return new Selected(URI.create(url), SelectEndpointTest.ok(address, score));
  }

  private static String wire(String service, List<Selected> selected) throws Exception {
    return Wire.writer().writeValueAsString(Selection.of(service, selected)) + "\n";
  }

  private static String render(SelectionBody body, String service, List<Selected> selected) {
    return new String(body.render(service, selected), StandardCharsets.UTF_8);
  }

  @Test
  void render_matchesTheWireWriter_forRandomServicersAndScores() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    String service = "eth" + ODD;
    SelectionBody body = new SelectionBody(List.of(service, "other"));
    for (int round = 0; round < 500; round++) {
      List<Selected> selected = new ArrayList<>();
      int n = random.nextInt(0, 6);
      for (int i = 0; i < n; i++) {
        StringBuilder address = new StringBuilder("servicer-").append(random.nextInt(50));
        for (int k = random.nextInt(0, 3); k > 0; k--) {
          address.appendCodePoint(ODD_CODE_POINTS[random.nextInt(ODD_CODE_POINTS.length)]);
        }
        // Every width a score has (0 to 100).
        int score =
            random.nextInt(4) == 0 ? 100 : random.nextInt(0, random.nextBoolean() ? 10 : 100);
        selected.add(
            selected(address.toString(), "http://127.0.0.1:" + (9000 + i) + "/a%22b?q=1", score));
      }

      assertThat(render(body, service, selected)).isEqualTo(wire(service, selected));
    }
  }

  @Test
  void render_followsAServicersNewUrl() throws Exception {
    SelectionBody body = new SelectionBody(List.of("eth"));
    List<Selected> before = List.of(selected("a", "http://127.0.0.1:1", 90));
    List<Selected> after = List.of(selected("a", "http://127.0.0.1:2", 91));

    assertThat(render(body, "eth", before)).isEqualTo(wire("eth", before));
    assertThat(render(body, "eth", after)).isEqualTo(wire("eth", after));
    assertThat(body.pieces()).isEqualTo(1);
  }

  @Test
  void render_keepsAtMostTheBoundOfPieces() {
    SelectionBody body = new SelectionBody(List.of("eth"));
    for (int i = 0; i < SelectionBody.MAX_PIECES + 500; i++) {
      body.render("eth", List.of(selected("servicer-" + i, "http://127.0.0.1:1", 50)));
    }

    assertThat(body.pieces()).isLessThanOrEqualTo(SelectionBody.MAX_PIECES);
  }

  @Test
  void render_anotherService_isRefused() {
    SelectionBody body = new SelectionBody(List.of("eth"));

    assertThatThrownBy(() -> body.render("btc", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void putInt_writesEveryWidth() {
    for (int v : new int[] {0, 7, -7, 10, 99, 100, -100, 123456789, Integer.MIN_VALUE}) {
      byte[] out = new byte[SelectionBody.digits(v) + 2];
      int end = SelectionBody.putInt(out, 1, v);

      assertThat(end).isEqualTo(out.length - 1);
      assertThat(new String(out, 1, end - 1, StandardCharsets.US_ASCII))
          .isEqualTo(Integer.toString(v));
    }
  }
}
