package dev.fisherman.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.daemon.api.Standing;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QosTableTest {
  private static QosTable.View view() {
    return new QosTable.View(
        "localnet-3",
        "eth",
        "active",
        7,
        60,
        List.of(
            new QosTable.Row(
                "healthy-fast",
                7,
                OptionalDouble.of(1.0),
                OptionalDouble.of(0.412),
                OptionalDouble.of(1.25),
                Optional.of(new Standing("ok", 97)),
                "yes",
                "low",
                "yes",
                "yes",
                "yes",
                OptionalLong.of(0),
                Map.of("ok", 7L)),
            new QosTable.Row(
                "healthy-slow",
                7,
                OptionalDouble.of(1.0),
                OptionalDouble.of(401.2),
                OptionalDouble.of(419.9),
                Optional.empty(),
                "yes",
                "high",
                "no",
                "unknown",
                "no",
                OptionalLong.of(50),
                Map.of("ok", 7L)),
            new QosTable.Row(
                "down",
                7,
                OptionalDouble.of(0.0),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                Optional.of(new Standing("timeout", 0)),
                "no",
                "unknown",
                "unknown",
                "unknown",
                "unknown",
                OptionalLong.empty(),
                Map.of("refused", 7L))));
  }

  @Test
  void render_oneAlignedLinePerServicer_withVerdictsSpelledOut() {
    QosTable.View view = view();
    assertThat(QosTable.render(view))
        .isEqualTo(
            String.join(
                "\n",
                "session localnet-3  service eth  active  round 7/60",
                "SERVICER      PROBES    AVAIL         P50         P99  REPUTATION     AVAILABLE           LATENCY           SYNCED           CONSISTENT           CHAIN           BEHIND  OUTCOMES",
                "healthy-fast       7   100.0%      0.4 ms      1.3 ms  ok 97          available: yes      latency: low      synced: yes      consistent: yes      chain: yes           0  ok=7",
                "healthy-slow       7   100.0%      401 ms      420 ms  -              available: yes      latency: high     synced: no       consistent: unknown  chain: no           50  ok=7",
                "down               7     0.0%           -           -  timeout 0      available: no       latency: unknown  synced: unknown  consistent: unknown  chain: unknown       -  refused=7",
                ""));
  }

  @Test
  void render_colour_coloursEachVerdictByWhatItMeans_andKeepsTheColumns() {
    String coloured = QosTable.render(view(), true);
    assertThat(coloured)
        .contains(
            "\033[32mavailable: yes\033[0m      \033[32mlatency: low\033[0m      \033[32msynced")
        .contains("\033[32mchain: yes\033[0m           0  ok=7")
        .contains("\033[1;31mlatency: high\033[0m")
        .contains("\033[1;31mavailable: no\033[0m       \033[33mlatency: unknown\033[0m")
        .contains("\033[32mok 97\033[0m          \033[32mavailable: yes")
        .contains("\033[1;31mtimeout 0\033[0m      \033[1;31mavailable: no");
    // Without the colour codes it is the plain table, so the columns line up on a terminal too.
    assertThat(coloured.replaceAll("\033\\[[0-9;]*m", "")).isEqualTo(QosTable.render(view()));
  }

  @Test
  void render_noColour_hasNoEscapeCodes() {
    assertThat(QosTable.render(view(), false)).doesNotContain("\033");
  }
}
