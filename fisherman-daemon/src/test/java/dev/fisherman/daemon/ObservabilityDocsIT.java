package dev.fisherman.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fisherman.daemon.sim.node.SimulatedNode;
import dev.fisherman.daemon.source.SourceSpec;
import dev.fisherman.daemon.testing.Http;
import dev.fisherman.daemon.testing.PromQl;
import dev.fisherman.daemon.testing.TestGenesis;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Servicer;
import dev.fisherman.testkit.Poll;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules in docs/ query only series a running daemon
 * (real engine, localnet source, and a cometbft source on a simulated node) exposes on {@code
 * /metrics}.
 */
class ObservabilityDocsIT {
  static final Path DASHBOARD = Path.of("..", "docs", "grafana", "fisherman.json");
  static final Path RULES = Path.of("..", "docs", "prometheus", "fisherman-rules.yml");

  /** Series Prometheus adds itself for every scrape target. */
  private static final Set<String> SYNTHETIC = Set.of("up");

  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)", Pattern.DOTALL);

  private static final String APPLICATION = "pokt1app";

  private static EventLoopGroup nodeGroup;
  private static SimulatedNode node;
  private static Daemon daemon;
  private static Set<String> series;

  @BeforeAll
  static void scrape() {
    Genesis genesis = TestGenesis.twoServicers();
    nodeGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    SimulatedNode.Builder nb =
        SimulatedNode.builder()
            .chainId(genesis.chainId())
            .blockInterval(Duration.ofMillis(100))
            .blocksPerSession(genesis.params().session().blocksPerSession())
            .application(APPLICATION);
    for (Servicer s : genesis.servicers()) {
      nb.supplier("eth", "pokt1" + s.address(), s.url());
    }
    node = nb.start(nodeGroup);
    daemon =
        Daemon.builder(genesis)
            .admin(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .source(SourceSpec.of("localnet"))
            .source(SourceSpec.of("cometbft"))
            .sourceOption("--node-rpc", List.of(node.rpcUrl().toString()))
            .sourceOption("--node-api", List.of(node.apiUrl().toString()))
            .sourceOption("--application", List.of(APPLICATION))
            .probeThreads(1)
            .start();
    try (Http http = new Http(daemon.adminAddress())) {
      // Some families appear only after their first event: the source counts the localnet session
      // once it is read, a servicer's probe counter with its first probe, the GC pause timer
      // registers at the first pause (the daemon runs in this JVM, so a requested collection makes
      // one), the cometbft source's meters with its first
      // header, session query, skipped height and reconnect (the simulated node skips heights and
      // drops the websocket once the source has seen a header), and admin requests are counted
      // once answered, so the last scrape shows the earlier ones.
      System.gc();
      Poll.until(
          Duration.ofSeconds(30),
          () -> http.get("/metrics").body().contains("fisherman_node_height "));
      // Skipped heights are counted when the next header arrives; on a loaded machine a reconnect
      // or a late block can make a skip go unnoticed, so skip again (once the node has made the
      // blocks of the last skip and one more) until a gap is counted.
      long[] skippedUntil = {node.height() + 3};
      node.skipHeights(2);
      Poll.until(
          "the node source to count a height gap",
          Duration.ofSeconds(30),
          () -> {
            if (http.get("/metrics").body().contains("fisherman_node_height_gaps_total ")) {
              return true;
            }
            if (node.height() > skippedUntil[0]) {
              skippedUntil[0] = node.height() + 3;
              node.skipHeights(2);
            }
            return false;
          });
      node.dropWebsockets();
      Poll.until(
          Duration.ofSeconds(30),
          () -> {
            String text = http.get("/metrics").body();
            return text.contains("fisherman_source_events_total{")
                && text.contains("fisherman_servicer_probes_total{")
                && text.contains("jvm_gc_pause_seconds_count{")
                && text.contains("fisherman_node_reconnects_total{")
                && text.contains("fisherman_node_session_queries_total{");
          });
      series = seriesNames(http.get("/metrics").body());
    }
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (node != null) {
      node.close();
    }
    if (nodeGroup != null) {
      nodeGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /**
   * The series names a scrape offers: counters and gauges by family name, histograms as {@code
   * _bucket}, {@code _count} and {@code _sum}, summaries as {@code _count}, {@code _sum} and the
   * family name (quantiles).
   */
  static Set<String> seriesNames(String exposition) {
    Set<String> names = new LinkedHashSet<>();
    for (String line : exposition.split("\n")) {
      if (!line.startsWith("# TYPE ")) {
        continue;
      }
      String[] parts = line.substring(7).split(" ");
      String family = parts[0];
      switch (parts[1]) {
        case "histogram" ->
            names.addAll(List.of(family + "_bucket", family + "_count", family + "_sum"));
        case "summary" -> names.addAll(List.of(family, family + "_count", family + "_sum"));
        default -> names.add(family);
      }
    }
    return names;
  }

  @Test
  void seriesNames_histogramAndSummaryFamilies_offerTheirSuffixesOnly() {
    assertThat(series)
        .contains(
            "fisherman_probe_latency_seconds_bucket",
            "fisherman_probe_latency_seconds_count",
            "fisherman_probe_latency_seconds_sum",
            "fisherman_probe_latency_seconds_max",
            "fisherman_round_servicers_count",
            "fisherman_probes_total",
            "fisherman_servicer_probes_total",
            "fisherman_servicer_probe_latency_seconds_count",
            "fisherman_servicer_probe_latency_seconds_max",
            "fisherman_admin_requests_seconds_count",
            "fisherman_source_events_total")
        .doesNotContain("fisherman_probe_latency_seconds", "fisherman_round_servicers_bucket");
  }

  @Test
  void dashboard_everyMetricItsQueriesUse_isExposed() throws IOException {
    JsonNode dashboard = Http.json(Files.readString(DASHBOARD));
    Map<String, String> queries = new LinkedHashMap<>();
    collectPanelQueries(dashboard.get("panels"), queries);
    for (JsonNode variable : dashboard.get("templating").get("list")) {
      if (variable.get("type").asText().equals("query")) {
        String q = variable.get("query").get("query").asText();
        Matcher m = LABEL_VALUES.matcher(q);
        assertThat(m.matches()).as("variable %s: %s", variable.get("name"), q).isTrue();
        queries.put("variable " + variable.get("name").asText(), m.group(1));
      }
    }
    assertThat(queries).hasSizeGreaterThan(20);
    assertUsesOnlyExposedSeries(queries);
  }

  @Test
  void alertRules_everyMetricTheirExpressionsUse_isExposed() throws IOException {
    Map<String, String> queries = ruleExpressions(Files.readAllLines(RULES));
    assertThat(queries.keySet())
        .containsExactly(
            "FishermanAdminScrapeFailing",
            "FishermanDegraded",
            "FishermanNoSession",
            "FishermanServiceUnavailable",
            "FishermanServiceAvailabilityLow",
            "FishermanExcludingRounds",
            "FishermanServicersOutOfSync",
            "FishermanServicersInconsistent",
            "FishermanServicersWrongChain",
            "FishermanAdmissionNearlyExhausted",
            "FishermanNodeReconnecting",
            "FishermanNodeNoNewHeights");
    assertUsesOnlyExposedSeries(queries);
  }

  private static void assertUsesOnlyExposedSeries(Map<String, String> queries) {
    List<String> missing = new ArrayList<>();
    queries.forEach(
        (where, expr) -> {
          Set<String> names = PromQl.metricNames(expr);
          assertThat(names).as("metric names in %s: %s", where, expr).isNotEmpty();
          for (String name : names) {
            if (!series.contains(name) && !SYNTHETIC.contains(name)) {
              missing.add(where + ": " + name);
            }
          }
        });
    assertThat(missing).as("series not in the /metrics scrape").isEmpty();
  }

  private static void collectPanelQueries(JsonNode panels, Map<String, String> queries) {
    for (JsonNode panel : panels) {
      if (panel.has("panels")) {
        collectPanelQueries(panel.get("panels"), queries);
      }
      if (panel.has("targets")) {
        for (JsonNode target : panel.get("targets")) {
          queries.put(
              "panel \"" + panel.get("title").asText() + "\" " + target.get("refId").asText(),
              target.get("expr").asText());
        }
      }
    }
  }

  /**
   * The {@code expr} of each alert in a rules file: either on the {@code expr:} line or, after
   * {@code expr: |}, the lines indented deeper than the key.
   */
  static Map<String, String> ruleExpressions(List<String> lines) {
    Map<String, String> exprs = new LinkedHashMap<>();
    String alert = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.strip();
      if (trimmed.startsWith("- alert:")) {
        alert = trimmed.substring("- alert:".length()).strip();
      } else if (trimmed.startsWith("expr:")) {
        String value = trimmed.substring("expr:".length()).strip();
        if (value.equals("|") || value.equals(">")) {
          int indent = line.indexOf("expr:");
          StringBuilder block = new StringBuilder();
          while (i + 1 < lines.size()
              && (lines.get(i + 1).isBlank() || indentOf(lines.get(i + 1)) > indent)) {
            block.append(lines.get(++i).strip()).append('\n');
          }
          value = block.toString();
        }
        assertThat(alert).as("alert name before line %d of %s", i + 1, RULES).isNotNull();
        exprs.put(alert, value);
      }
    }
    return exprs;
  }

  private static int indentOf(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }
}
