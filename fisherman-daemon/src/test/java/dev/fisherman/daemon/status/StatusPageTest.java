package dev.fisherman.daemon.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisherman.daemon.api.Observation;
import dev.fisherman.daemon.api.QosFigures;
import dev.fisherman.daemon.api.Readiness;
import dev.fisherman.daemon.api.ServicerQos;
import dev.fisherman.daemon.api.Session;
import dev.fisherman.daemon.api.SessionSummary;
import dev.fisherman.daemon.api.Standing;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StatusPageTest {
  private static final String NONCE = "AAAAAAAAAAAAAAAAAAAAAA==";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String HOSTILE_ID = "s-<script>alert('id')</script>&\"";
  private static final String HOSTILE_ADDRESS = "node&co<b>\"'";

  private static QosFigures figures(String available, double availability) {
    return new QosFigures(
        URI.create("http://127.0.0.1:9001/?a=1&b=2"),
        10,
        Map.of("ok", 8L, "refused", 2L),
        OptionalDouble.of(availability),
        Optional.of(new QosFigures.Interval(0.49, 0.94)),
        Optional.of(new QosFigures.Latency(1, 12.5, 20, 130.4, 140, 15)),
        new QosFigures.Verdicts(available, "low"),
        OptionalLong.empty());
  }

  private static Observation probe(int round, String outcome, double totalMs) {
    return new Observation(
        round,
        outcome,
        T0,
        T0,
        0.1,
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        totalMs,
        totalMs,
        OptionalInt.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        "<img src=x onerror=alert(1)>",
        false);
  }

  private static StatusModel model(String state, int done) {
    Session session =
        new Session(
            HOSTILE_ID,
            "eth",
            T0,
            T0.plusSeconds(60),
            state,
            5,
            done,
            List.of(
                new ServicerQos(HOSTILE_ADDRESS, figures("yes", 0.8)),
                new ServicerQos("down", figures("no", 0.0))));
    List<Observation> probes = List.of(probe(0, "ok", 10), probe(1, "refused", 2));
    return new StatusModel(
        T0.plusSeconds(30),
        new Readiness("not_ready", Map.of("source <x>", "stalled & \"late\"")),
        List.of(
            new StatusModel.Service(
                "eth",
                Optional.of(session),
                Map.of(HOSTILE_ADDRESS, probes),
                Map.of(HOSTILE_ADDRESS, probes, "down", List.of(probe(1, "refused", 1))),
                Map.of(
                    HOSTILE_ADDRESS, new Standing("ok", 97), "down", new Standing("timeout", 0))),
            new StatusModel.Service("sol", Optional.empty(), Map.of(), Map.of())),
        List.of(new SessionSummary(HOSTILE_ID, "eth", T0, T0.plusSeconds(60), state, 5, done, 2)));
  }

  @Test
  void render_escapesEveryStringFromAServicerOrASession() {
    String html = StatusPage.render(model("active", 2), NONCE);
    assertThat(html)
        .doesNotContain("<script>alert", "<b>", "'id'", "onerror", "source <x>")
        .contains("s-&lt;script&gt;alert(&#39;id&#39;)&lt;/script&gt;&amp;&quot;")
        .contains("node&amp;co&lt;b&gt;&quot;&#39;")
        .contains("http://127.0.0.1:9001/?a=1&amp;b=2")
        .contains("stalled &amp; &quot;late&quot;")
        // Links carry the same values percent-encoded.
        .contains("href=\"/v1/sessions/s-%3Cscript%3Ealert%28%27id%27%29%3C%2Fscript%3E%26%22\"")
        .contains("/servicers/node%26co%3Cb%3E%22%27\"");
    // Exactly one script and one style element: the page's own, with the nonce.
    assertThat(count(html, "<script")).isEqualTo(1);
    assertThat(html).contains("<script nonce=\"" + NONCE + "\">");
    assertThat(count(html, "<style")).isEqualTo(1);
    assertThat(html).contains("<style nonce=\"" + NONCE + "\">");
    assertThat(html).doesNotContain(" style=\"", " src=\"", "stylesheet", "@import");
  }

  @Test
  void render_servicerTable_hasRealHeadersAndVerdictBadges() {
    String html = StatusPage.render(model("active", 2), NONCE);
    assertThat(html)
        .contains("<th scope=\"col\">Servicer</th>", "<th scope=\"col\">Verdicts</th>")
        .contains("<th scope=\"row\"><span class=\"name\">down</span>")
        .contains("<span class=\"badge bad\">available: no</span>")
        .contains("<span class=\"badge good\">available: yes</span>")
        .contains("<span class=\"badge good\">latency: low</span>")
        .contains("80.0% <span class=\"ci\">(49.0–94.0%)</span>")
        .contains("12.5&nbsp;ms", "130&nbsp;ms")
        .contains("<span class=\"badge bad\">readiness: not ready</span>")
        .contains("<title>fisherman status: not ready</title>");
    assertThat(html).contains("Service sol</h2>", "No session yet.");
  }

  @Test
  void render_servicerTable_showsEachServicersReputationStateAndScore() {
    String html = StatusPage.render(model("active", 2), NONCE);
    assertThat(html)
        .contains("<th scope=\"col\">Reputation</th>")
        .contains(
            "<td class=\"reputation\"><span class=\"badge good\">reputation: ok</span>"
                + " <span class=\"score\">score 97/100</span></td>")
        .contains(
            "<td class=\"reputation\"><span class=\"badge bad\">reputation: timeout</span>"
                + " <span class=\"score\">score 0/100</span></td>");
    // A servicer the reputation does not remember says so.
    String none =
        StatusPage.render(
            new StatusModel(
                T0,
                new Readiness("ready", Map.of()),
                List.of(
                    new StatusModel.Service(
                        "eth", model("active", 2).services().get(0).session(), Map.of(), Map.of())),
                List.of()),
            NONCE);
    assertThat(none)
        .contains("<td class=\"reputation\"><span class=\"none\">not remembered</span>");
  }

  @Test
  void render_sparkline_saysInWordsWhatItDraws() {
    String html = StatusPage.render(model("active", 2), NONCE);
    assertThat(html).contains("aria-label=\"last 2 probes: 1 ok, 1 failed\"");
    assertThat(html).contains("aria-label=\"last 1 probes: 0 ok, 1 failed\"");
    assertThat(html).contains("<rect class=\"ok\"", "<rect class=\"failed\"");
  }

  @Test
  void render_timeline_activeSession_countsRoundsToGo() {
    String html = StatusPage.render(model("active", 2), NONCE);
    assertThat(html).contains("<p>Rounds: 5 planned, 2 done, 3 to go. ");
    // Round 0 all ok, round 1 with a refused probe, three still planned.
    assertThat(count(html, "<rect class=\"planned\"")).isEqualTo(3);
    Matcher cells = Pattern.compile("aria-label=\"Session timeline[^>]*>(.*?)</svg>").matcher(html);
    assertThat(cells.find()).isTrue();
    assertThat(cells.group(1)).containsSubsequence("class=\"ok\"", "class=\"failed\"");
  }

  @Test
  void render_timeline_endedSession_countsRoundsNotRunAsCancelled() {
    String html = StatusPage.render(model("ended", 4), NONCE);
    assertThat(html).contains("<p>Rounds: 5 planned, 4 done, 1 cancelled. ");
    assertThat(count(html, "<rect class=\"cancelled planned\"")).isEqualTo(1);
    assertThat(count(html, "<rect class=\"done\"")).isEqualTo(2);
  }

  @Test
  void time_showsSecondsInUtc_keepsTheExactInstantForMachines() {
    assertThat(StatusPage.time(Instant.parse("2026-01-01T10:20:30.123456789Z")))
        .isEqualTo(
            "<time datetime=\"2026-01-01T10:20:30.123456789Z\">2026-01-01 10:20:30 UTC</time>");
  }

  @Test
  void verdicts_renderWhateverTheWireModelHas_inItsOrder() {
    assertThat(StatusPage.verdicts(new QosFigures.Verdicts("no", "unknown")))
        .containsExactly(
            Map.entry("available", "no"),
            Map.entry("latency", "unknown"),
            Map.entry("synced", "unknown"),
            Map.entry("consistent", "unknown"),
            Map.entry("chain", "unknown"));
  }

  @Test
  void contentSecurityPolicy_allowsOnlyTheNoncedStyleAndScript() {
    assertThat(StatusPage.contentSecurityPolicy(NONCE))
        .startsWith("default-src 'none'; ")
        .contains("style-src 'nonce-" + NONCE + "'", "script-src 'nonce-" + NONCE + "'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe");
  }

  @Test
  void render_nonceThatCouldBreakOutOfItsAttribute_isRefused() {
    assertThatThrownBy(() -> StatusPage.render(model("active", 1), "\"><script>x</script>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: at least 16 base64 characters");
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
