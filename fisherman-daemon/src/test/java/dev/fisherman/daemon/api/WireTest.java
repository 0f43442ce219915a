package dev.fisherman.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.qos.Interval;
import dev.fisherman.core.qos.LatencySummary;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.qos.Verdicts;
import dev.fisherman.core.reputation.ReputationState;
import dev.fisherman.core.reputation.Selected;
import dev.fisherman.core.reputation.ServicerReputation;
import dev.fisherman.core.reputation.TimeoutCause;
import dev.fisherman.core.store.ServicerDetail;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.core.store.SessionState;
import dev.fisherman.core.store.SessionSummary;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The exact bytes docs/admin-api.md documents, and the client reading them back. */
class WireTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:03:00Z");
  private static final SessionSummary SUMMARY =
      new SessionSummary(
          "localnet-3", "eth", T0, T0.plusSeconds(60), SessionState.ACTIVE, 60, 14, 3);
  private static final ServicerQos SLOW =
      new ServicerQos(
          "healthy-slow",
          URI.create("http://127.0.0.1:9102"),
          14,
          Map.of(Outcome.OK, 10L, Outcome.HTTP_STATUS, 4L),
          OptionalDouble.of(0.714285714),
          Optional.of(new Interval(0.45351, 0.88281)),
          Optional.of(new LatencySummary(400.6123, 410.3, 418.1, 419.9, 419.9, 409.8)),
          new Verdicts(Verdicts.Available.YES, Verdicts.Latency.HIGH),
          OptionalLong.of(64000123));
  private static final ServicerQos DOWN =
      new ServicerQos(
          "down",
          URI.create("http://127.0.0.1:9104"),
          14,
          Map.of(Outcome.REFUSED, 14L),
          OptionalDouble.of(0.0),
          Optional.of(new Interval(0.0, 0.2153)),
          Optional.empty(),
          new Verdicts(Verdicts.Available.NO, Verdicts.Latency.UNKNOWN),
          OptionalLong.empty());
  private static final ServicerQos NEW =
      new ServicerQos(
          "new",
          URI.create("http://127.0.0.1:9105"),
          0,
          Map.of(),
          OptionalDouble.empty(),
          Optional.empty(),
          Optional.empty(),
          new Verdicts(Verdicts.Available.UNKNOWN, Verdicts.Latency.UNKNOWN),
          OptionalLong.empty());
  private static final SessionReport REPORT = new SessionReport(SUMMARY, List.of(SLOW, DOWN, NEW));
  private static final ServicerDetail DETAIL =
      new ServicerDetail(
          SUMMARY,
          SLOW,
          List.of(
              new dev.fisherman.core.probe.Observation(
                  "localnet-3",
                  "healthy-slow",
                  13,
                  Instant.parse("2026-01-01T00:03:14.204Z"),
                  93_000,
                  OptionalLong.empty(),
                  OptionalLong.of(410_000),
                  470_000,
                  Outcome.HTTP_STATUS,
                  OptionalInt.of(503),
                  OptionalLong.empty(),
                  dev.fisherman.core.probe.ProbeFacts.NONE,
                  "HTTP 503"),
              new dev.fisherman.core.probe.Observation(
                  "localnet-3",
                  "healthy-slow",
                  14,
                  Instant.parse("2026-01-01T00:03:15Z"),
                  1_000,
                  OptionalLong.of(123_456),
                  OptionalLong.of(410_000),
                  470_000,
                  Outcome.RPC_ERROR,
                  OptionalInt.of(200),
                  OptionalLong.of(-32000),
                  dev.fisherman.core.probe.ProbeFacts.height(5),
                  "rpc")));

  private static String write(Object value) throws Exception {
    return Wire.writer().writeValueAsString(value);
  }

  @Test
  void session_writesTheDocumentedFieldsInOrder_roundedAndWithNulls() throws Exception {
    assertThat(write(Session.of(REPORT)))
        .isEqualTo(
            "{\"session_id\":\"localnet-3\",\"service\":\"eth\",\"started_at\":\"2026-01-01"
                + "T00:03:00Z\",\"ends_at\":\"2026-01-01T00:04:00Z\",\"state\":\"active\",\"round"
                + "s_planned\":60,\"rounds_done\":14,\"head\":null,\"rounds_excluded\":{\"total\""
                + ":0,\"fisherman_network\":0,\"fisherman_stalled\":0},\"servicers\":[{\"address\""
                + ":\"healthy-slow\",\"url\":\"http://127.0.0.1:9102\",\"probes\":14,\"outcomes\""
                + ":{\"ok\":10,\"http_status\":4},\"availability\":0.7143,\"availability_ci95\":["
                + "0.4535,0.8828],\"latency_ms\":{\"min\":400.612,\"p50\":410.3,\"p90\":418.1,\"p"
                + "99\":419.9,\"max\":419.9,\"mean\":409.8},\"verdicts\":{\"available\":\"yes\",\""
                + "latency\":\"high\",\"synced\":\"unknown\",\"consistent\":\"unknown\",\"chain\""
                + ":\"unknown\"},\"block_height\":64000123,\"blocks_behind\":null,\"checks\":{\"s"
                + "ync\":{\"judged\":0,\"behind\":0,\"ahead\":0},\"integrity\":{\"judged\":0,\"di"
                + "sagreed\":0},\"chain_id\":null}},{\"address\":\"down\",\"url\":\"http://127.0."
                + "0.1:9104\",\"probes\":14,\"outcomes\":{\"refused\":14},\"availability\":0.0,\""
                + "availability_ci95\":[0.0,0.2153],\"latency_ms\":null,\"verdicts\":{\"available"
                + "\":\"no\",\"latency\":\"unknown\",\"synced\":\"unknown\",\"consistent\":\"unkn"
                + "own\",\"chain\":\"unknown\"},\"block_height\":null,\"blocks_behind\":null,\"ch"
                + "ecks\":{\"sync\":{\"judged\":0,\"behind\":0,\"ahead\":0},\"integrity\":{\"judg"
                + "ed\":0,\"disagreed\":0},\"chain_id\":null}},{\"address\":\"new\",\"url\":\"htt"
                + "p://127.0.0.1:9105\",\"probes\":0,\"outcomes\":{},\"availability\":null,\"avai"
                + "lability_ci95\":null,\"latency_ms\":null,\"verdicts\":{\"available\":\"unknown"
                + "\",\"latency\":\"unknown\",\"synced\":\"unknown\",\"consistent\":\"unknown\",\""
                + "chain\":\"unknown\"},\"block_height\":null,\"blocks_behind\":null,\"checks\":{"
                + "\"sync\":{\"judged\":0,\"behind\":0,\"ahead\":0},\"integrity\":{\"judged\":0,\""
                + "disagreed\":0},\"chain_id\":null}}]}");
  }

  @Test
  void servicerDetail_isTheQosThenTheSessionThenTheLastObservations() throws Exception {
    assertThat(write(dev.fisherman.daemon.api.ServicerDetail.of(DETAIL)))
        .isEqualTo(
            "{\"address\":\"healthy-slow\",\"url\":\"http://127.0.0.1:9102\",\"probes\":14,"
                + "\"outcomes\":{\"ok\":10,\"http_status\":4},\"availability\":0.7143,\"availabil"
                + "ity_ci95\":[0.4535,0.8828],\"latency_ms\":{\"min\":400.612,\"p50\":410.3,\"p90"
                + "\":418.1,\"p99\":419.9,\"max\":419.9,\"mean\":409.8},\"verdicts\":{\"available"
                + "\":\"yes\",\"latency\":\"high\",\"synced\":\"unknown\",\"consistent\":\"unknow"
                + "n\",\"chain\":\"unknown\"},\"block_height\":64000123,\"blocks_behind\":null,\""
                + "checks\":{\"sync\":{\"judged\":0,\"behind\":0,\"ahead\":0},\"integrity\":{\"ju"
                + "dged\":0,\"disagreed\":0},\"chain_id\":null},\"session_id\":\"localnet-3\",\"s"
                + "ervice\":\"eth\",\"state\":\"active\",\"last_observations\":[{\"round\":13,\"o"
                + "utcome\":\"http_status\",\"intended_at\":\"2026-01-01T00:03:14.204Z\",\"sent_a"
                + "t\":\"2026-01-01T00:03:14.204093Z\",\"lateness_ms\":0.093,\"connect_ms\":null,"
                + "\"first_byte_ms\":0.41,\"total_ms\":0.47,\"latency_from_intended_ms\":0.563,\""
                + "http_status\":503,\"rpc_error_code\":null,\"block_height\":null,\"detail\":\"H"
                + "TTP 503\",\"signed\":false},{\"round\":14,\"outcome\":\"rpc_error\",\"intended_at\":\"2026-01-0"
                + "1T00:03:15Z\",\"sent_at\":\"2026-01-01T00:03:15.000001Z\",\"lateness_ms\":0.00"
                + "1,\"connect_ms\":0.123,\"first_byte_ms\":0.41,\"total_ms\":0.47,\"latency_from"
                + "_intended_ms\":0.471,\"http_status\":200,\"rpc_error_code\":-32000,\"block_hei"
                + "ght\":5,\"detail\":\"rpc\",\"signed\":false}]}");
  }

  @Test
  void servicerSessions_putTheSessionBeforeTheQos_withoutTheAddress() throws Exception {
    assertThat(write(ServicerSessions.of("healthy-slow", Optional.empty(), List.of(DETAIL))))
        .isEqualTo(
            "{\"address\":\"healthy-slow\",\"reputation\":null,\"sessions\":[{\"session_id\":\"localnet-3\",\"s"
                + "ervice\":\"eth\",\"state\":\"active\",\"started_at\":\"2026-01-01T00:03:00Z\","
                + "\"ends_at\":\"2026-01-01T00:04:00Z\",\"url\":\"http://127.0.0.1:9102\",\"probe"
                + "s\":14,\"outcomes\":{\"ok\":10,\"http_status\":4},\"availability\":0.7143,\"av"
                + "ailability_ci95\":[0.4535,0.8828],\"latency_ms\":{\"min\":400.612,\"p50\":410."
                + "3,\"p90\":418.1,\"p99\":419.9,\"max\":419.9,\"mean\":409.8},\"verdicts\":{\"av"
                + "ailable\":\"yes\",\"latency\":\"high\",\"synced\":\"unknown\",\"consistent\":\""
                + "unknown\",\"chain\":\"unknown\"},\"block_height\":64000123,\"blocks_behind\":n"
                + "ull,\"checks\":{\"sync\":{\"judged\":0,\"behind\":0,\"ahead\":0},\"integrity\""
                + ":{\"judged\":0,\"disagreed\":0},\"chain_id\":null}}]}");
  }

  @Test
  void reputation_writesUntilAndProbationAsNullWhenAbsent() throws Exception {
    ServicerReputation timeout =
        new ServicerReputation(
            "a",
            12,
            ReputationState.TIMEOUT,
            Optional.of(T0),
            Optional.of(TimeoutCause.UNAVAILABLE),
            Optional.empty(),
            Optional.of(0),
            List.of("why"));
    ServicerReputation probation =
        new ServicerReputation(
            "a",
            40,
            ReputationState.PROBATION,
            Optional.empty(),
            Optional.of(TimeoutCause.UNAVAILABLE),
            Optional.of(new ServicerReputation.Probation(2, 5)),
            Optional.empty(),
            List.of());

    assertThat(write(Reputation.of(timeout)))
        .isEqualTo(
            "{\"score\":12,\"state\":\"timeout\",\"until\":\"2026-01-01T00:03:00Z\","
                + "\"probation\":null,\"reasons\":[\"why\"]}");
    assertThat(write(Reputation.of(probation)))
        .isEqualTo(
            "{\"score\":40,\"state\":\"probation\",\"until\":null,"
                + "\"probation\":{\"passed\":2,\"needed\":5},\"reasons\":[]}");
    assertThat(
            write(
                Selection.of(
                    "eth", List.of(new Selected(URI.create("http://127.0.0.1:9101"), timeout)))))
        .isEqualTo(
            "{\"service\":\"eth\",\"servicers\":[{\"address\":\"a\","
                + "\"url\":\"http://127.0.0.1:9101\",\"score\":12}]}");
  }

  @Test
  void summaryAndReceivedSession_differOnlyInStateAndRounds() throws Exception {
    assertThat(write(dev.fisherman.daemon.api.SessionSummary.of(SUMMARY)))
        .isEqualTo(
            "{\"session_id\":\"localnet-3\",\"service\":\"eth\",\"started_at\":\"2026-01-01"
                + "T00:03:00Z\",\"ends_at\":\"2026-01-01T00:04:00Z\",\"state\":\"active\",\"round"
                + "s_planned\":60,\"rounds_done\":14,\"servicers\":3,\"head\":null,\"rounds_exclu"
                + "ded\":{\"total\":0,\"fisherman_network\":0,\"fisherman_stalled\":0}}");
    assertThat(write(new ReceivedSession("s-1", "eth", T0, T0.plusSeconds(60), 1)))
        .isEqualTo(
            "{\"session_id\":\"s-1\",\"service\":\"eth\",\"started_at\":\"2026-01-01T00:03:00Z\","
                + "\"ends_at\":\"2026-01-01T00:04:00Z\",\"servicers\":1}");
  }

  @Test
  void ranking_writesAsOfAndCountsBeforeTheLists_andLeavesRankOutForTheExcluded() throws Exception {
    dev.fisherman.core.ranking.Ranking cut =
        dev.fisherman.core.ranking.Ranking.order(
                List.of(REPORT),
                dev.fisherman.genesis.QosParams.DEFAULTS,
                "eth",
                a -> Optional.empty())
            .top(1, 1);
    assertThat(write(ServiceRanking.of(cut, T0)))
        .startsWith(
            "{\"service\":\"eth\",\"as_of\":\"2026-01-01T00:03:00Z\","
                + "\"counts\":{\"ranked\":1,\"excluded\":2},"
                + "\"servicers\":[{\"address\":\"healthy-slow\",")
        .contains("\"rank\":1,\"reason\":")
        .contains("\"excluded\":[{\"address\":\"down\",")
        .doesNotContain("\"address\":\"new\"");
  }

  @Test
  void error_writesFieldNullWhenNoInputIsToBlame() throws Exception {
    assertThat(write(new ApiError("internal error", Optional.empty())))
        .isEqualTo("{\"error\":\"internal error\",\"field\":null}");
    assertThat(write(new ApiError("service: \"btc\"", Optional.of("service"))))
        .isEqualTo("{\"error\":\"service: \\\"btc\\\"\",\"field\":\"service\"}");
  }

  @Test
  void session_readsBackToTheSameRecord() throws Exception {
    Session written = Session.of(REPORT);
    Session read = Wire.reader(Session.class).readValue(write(written));
    assertThat(read).isEqualTo(written);
    assertThat(read.servicers().get(0).qos().outcomes())
        .containsExactly(Map.entry("ok", 10L), Map.entry("http_status", 4L));
  }
}
