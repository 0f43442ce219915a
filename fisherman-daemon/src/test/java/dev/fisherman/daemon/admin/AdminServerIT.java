package dev.fisherman.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fisherman.core.AdmissionRefusedException;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.core.qos.Interval;
import dev.fisherman.core.qos.LatencySummary;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.qos.Verdicts;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.core.store.SessionState;
import dev.fisherman.core.store.SessionSummary;
import dev.fisherman.daemon.health.CheckResult;
import dev.fisherman.daemon.source.SessionEventParser;
import dev.fisherman.daemon.source.SessionIntake;
import dev.fisherman.daemon.source.TestSources;
import dev.fisherman.daemon.testing.FakeFisherman;
import dev.fisherman.daemon.testing.Http;
import dev.fisherman.daemon.testing.TestGenesis;
import dev.fisherman.genesis.Genesis;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class AdminServerIT {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String TOKEN = "0123456789abcdef-token";
  private static final String BODY =
      "{\"session_id\":\"s-1\",\"service\":\"eth\",\"start_height\":100,\"end_height\":104,"
          + "\"duration\":\"60s\",\"servicers\":[{\"address\":\"a\",\"url\":\"http://127.0.0.1:9001\"}]}";

  private final Genesis genesis = TestGenesis.twoServicers();
  private final FakeFisherman engine = new FakeFisherman(12);
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup workers =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final Map<String, CheckResult> checks = new ConcurrentHashMap<>();
  private AdminServer server;
  private Http http;

  private void start(boolean webhook, Optional<String> token, Duration idle) {
    start(webhook, token, idle, InetAddress.getLoopbackAddress());
  }

  private void start(boolean webhook, Optional<String> token, Duration idle, InetAddress bind) {
    checks.put("engine", CheckResult.OK);
    SessionIntake source =
        TestSources.startedWebhook(
            new SessionEventParser(genesis, InstantSource.fixed(T0)), registry, engine.sink());
    AdminServer.Builder b =
        AdminServer.builder()
            .address(new InetSocketAddress(bind, 0))
            .eventLoops(boss, workers)
            .store(engine.store())
            .reputation(engine.reputation())
            .genesis(genesis)
            .registry(registry)
            .readiness(() -> new LinkedHashMap<>(checks))
            .idleTimeout(idle);
    if (webhook) {
      b.sessionPosts(source);
    }
    token.ifPresent(b::token);
    server = b.start();
    http = new Http(server.address());
  }

  private void start() {
    start(true, Optional.empty(), Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    if (http != null) {
      http.close();
    }
    if (server != null) {
      server.close();
    }
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    registry.close();
  }

  // --- health ---------------------------------------------------------------------------------

  @Test
  void healthz_answersUp() {
    start();
    HttpResponse<String> r = http.get("/healthz");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(r.body()).isEqualTo("{\"status\":\"up\"}\n");
  }

  @Test
  void readyz_allChecksOk_is200WithEachCheck() {
    start();
    checks.put("source:webhook", CheckResult.OK);
    HttpResponse<String> r = http.get("/readyz");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Http.json(r))
        .isEqualTo(
            Http.json(
                "{\"status\":\"ready\",\"checks\":{\"engine\":\"ok\",\"source:webhook\":\"ok\"}}"));
  }

  @Test
  void readyz_aFailedCheck_is503NamingIt() {
    start();
    checks.put("engine", CheckResult.failed("stopped"));
    HttpResponse<String> r = http.get("/readyz");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body())
        .isEqualTo("{\"status\":\"not_ready\",\"checks\":{\"engine\":\"stopped\"}}\n");
  }

  // --- read API -------------------------------------------------------------------------------

  @Test
  void sessions_listsRetainedSessionsNewestFirst() {
    start();
    assertThat(http.post("/v1/sessions", BODY).statusCode()).isEqualTo(202);
    engine.put(report("s-0", T0.minusSeconds(60), SessionState.ENDED, 12, qos("a", 1.0, 5.0)));

    HttpResponse<String> r = http.get("/v1/sessions");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode list = Http.json(r);
    assertThat(list).hasSize(2);
    assertThat(list.get(0).toString())
        .isEqualTo(
            "{\"session_id\":\"s-1\",\"service\":\"eth\",\"started_at\":\"2026-01-01T00:00:00Z\","
                + "\"ends_at\":\"2026-01-01T00:01:00Z\",\"state\":\"active\",\"rounds_planned\":12,"
                + "\"rounds_done\":0,\"servicers\":1,"
                + "\"head\":null,\"rounds_excluded\":{\"total\":0,\"fisherman_network\":0,\"fisherman_stalled\":0}}");
    assertThat(list.get(1).get("session_id").asText()).isEqualTo("s-0");
    assertThat(list.get(1).get("state").asText()).isEqualTo("ended");
  }

  @Test
  void session_showsEveryServicerWithQosAndVerdicts() {
    start();
    engine.put(report("s-9", T0, SessionState.ACTIVE, 5, qos("a", 0.8, 12.5), unknownQos("b")));

    HttpResponse<String> r = http.get("/v1/sessions/s-9");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = Http.json(r);
    assertThat(body.get("session_id").asText()).isEqualTo("s-9");
    assertThat(body.get("state").asText()).isEqualTo("active");
    assertThat(body.get("rounds_planned").asInt()).isEqualTo(12);
    assertThat(body.get("rounds_done").asInt()).isEqualTo(5);
    JsonNode a = body.get("servicers").get(0);
    assertThat(a.toString())
        .isEqualTo(
            "{\"address\":\"a\",\"url\":\"http://127.0.0.1:9001\",\"probes\":10,"
                + "\"outcomes\":{\"ok\":8,\"refused\":2},\"availability\":0.8,"
                + "\"availability_ci95\":[0.49,0.94],"
                + "\"latency_ms\":{\"min\":1.0,\"p50\":12.5,\"p90\":25.0,\"p99\":37.5,\"max\":50.0,\"mean\":13.0},"
                + "\"verdicts\":{\"available\":\"no\",\"latency\":\"low\",\"synced\":\"unknown\","
                + "\"consistent\":\"unknown\",\"chain\":\"unknown\"},\"block_height\":42,"
                + "\"blocks_behind\":null,"
                + "\"checks\":{\"sync\":{\"judged\":0,\"behind\":0,\"ahead\":0},"
                + "\"integrity\":{\"judged\":0,\"disagreed\":0},\"chain_id\":null}}");
    JsonNode b = body.get("servicers").get(1);
    assertThat(b.toString())
        .isEqualTo(
            "{\"address\":\"b\",\"url\":\"http://127.0.0.1:9002\",\"probes\":0,\"outcomes\":{},"
                + "\"availability\":null,\"availability_ci95\":null,\"latency_ms\":null,"
                + "\"verdicts\":{\"available\":\"unknown\",\"latency\":\"unknown\","
                + "\"synced\":\"unknown\",\"consistent\":\"unknown\",\"chain\":\"unknown\"},"
                + "\"block_height\":null,\"blocks_behind\":null,"
                + "\"checks\":{\"sync\":{\"judged\":0,\"behind\":0,\"ahead\":0},"
                + "\"integrity\":{\"judged\":0,\"disagreed\":0},\"chain_id\":null}}");
  }

  @Test
  void session_unknownId_is404NamingTheField() {
    start();
    HttpResponse<String> r = http.get("/v1/sessions/nope");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body())
        .isEqualTo(
            "{\"error\":\"session_id: \\\"nope\\\" (expected: a retained session)\","
                + "\"field\":\"session_id\"}\n");
  }

  @Test
  void servicerInSession_showsQosAndLastObservations() {
    start();
    engine.put(report("s-9", T0, SessionState.ACTIVE, 5, qos("a", 0.8, 12.5)));
    engine.putObservations("s-9", "a", List.of(observation("s-9", "a")));

    HttpResponse<String> r = http.get("/v1/sessions/s-9/servicers/a");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = Http.json(r);
    assertThat(body.get("address").asText()).isEqualTo("a");
    assertThat(body.get("session_id").asText()).isEqualTo("s-9");
    assertThat(body.get("availability").asDouble()).isEqualTo(0.8);
    assertThat(body.get("last_observations").get(0).toString())
        .isEqualTo(
            "{\"round\":3,\"outcome\":\"http_status\",\"intended_at\":\"2026-01-01T00:00:10Z\","
                + "\"sent_at\":\"2026-01-01T00:00:10.000250Z\",\"lateness_ms\":0.25,"
                + "\"connect_ms\":0.5,\"first_byte_ms\":3.0,\"total_ms\":3.5,"
                + "\"latency_from_intended_ms\":3.75,\"http_status\":503,\"rpc_error_code\":null,"
                + "\"block_height\":null,\"detail\":\"HTTP 503\",\"signed\":false}");
  }

  @Test
  void servicerInSession_unknownAddressOrSession_is404NamingTheField() {
    start();
    engine.put(report("s-9", T0, SessionState.ACTIVE, 5, qos("a", 0.8, 12.5)));

    HttpResponse<String> noServicer = http.get("/v1/sessions/s-9/servicers/zz");
    assertThat(noServicer.statusCode()).isEqualTo(404);
    assertThat(Http.json(noServicer).get("field").asText()).isEqualTo("address");
    assertThat(Http.json(noServicer).get("error").asText())
        .isEqualTo("address: \"zz\" (expected: a servicer of session \"s-9\")");

    HttpResponse<String> noSession = http.get("/v1/sessions/s-8/servicers/a");
    assertThat(noSession.statusCode()).isEqualTo(404);
    assertThat(Http.json(noSession).get("field").asText()).isEqualTo("session_id");
  }

  @Test
  void servicer_acrossSessions_newestFirst() {
    start();
    engine.put(report("s-1", T0, SessionState.ENDED, 12, qos("a", 1.0, 2.0)));
    engine.put(report("s-2", T0.plusSeconds(60), SessionState.ACTIVE, 3, qos("a", 0.5, 4.0)));

    HttpResponse<String> r = http.get("/v1/servicers/a");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = Http.json(r);
    assertThat(body.get("address").asText()).isEqualTo("a");
    assertThat(body.get("sessions")).hasSize(2);
    assertThat(body.get("sessions").get(0).get("session_id").asText()).isEqualTo("s-2");
    assertThat(body.get("sessions").get(0).get("availability").asDouble()).isEqualTo(0.5);
    assertThat(body.get("sessions").get(1).get("session_id").asText()).isEqualTo("s-1");
    assertThat(body.get("sessions").get(1).get("state").asText()).isEqualTo("ended");
  }

  @Test
  void servicer_unknown_is404() {
    start();
    HttpResponse<String> r = http.get("/v1/servicers/ghost");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(Http.json(r).get("error").asText())
        .isEqualTo(
            "address: \"ghost\" (expected: a servicer of a retained session or one the reputation remembers)");
  }

  @Test
  void servicer_rememberedInNoRetainedSession_answersWithItsReputationAndNoSessions() {
    start();
    engine
        .reputation()
        .record(
            new dev.fisherman.core.probe.RoundResult(
                "gone", "eth", 3, T0.plusSeconds(10), List.of(observation("gone", "remembered"))));

    HttpResponse<String> r = http.get("/v1/servicers/remembered");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = Http.json(r);
    assertThat(body.get("sessions")).isEmpty();
    assertThat(body.get("reputation").get("state").asText()).isEqualTo("new");
    assertThat(body.get("reputation").get("until").isNull()).isTrue();
    assertThat(body.get("reputation").get("reasons").get(0).asText())
        .startsWith("availability 0% over 1 judged probes");
  }

  @Test
  void pathParameters_arePercentDecoded() {
    start();
    engine.put(report("s:1", T0, SessionState.ACTIVE, 1, qos("a", 1.0, 2.0)));
    assertThat(http.get("/v1/sessions/s%3A1").statusCode()).isEqualTo(200);
  }

  // --- ranking --------------------------------------------------------------------------------

  @Test
  void ranking_availableServicersBestFirst_eachWithItsReason() {
    start();
    engine.put(
        report(
            "s-2",
            T0.plusSeconds(60),
            SessionState.ACTIVE,
            6,
            qos("slow", 1.0, 400.0),
            qos("fast", 1.0, 3.0),
            qos("flaky", 0.95, 2.0),
            qos("down", 0.0, 0.0),
            unknownQos("new")));
    // An older active session of the same servicer is ignored; an ended one too.
    engine.put(report("s-1", T0, SessionState.ACTIVE, 12, qos("fast", 0.0, 0.0)));
    engine.put(report("s-0", T0.minusSeconds(60), SessionState.ENDED, 12, qos("old", 1.0, 1.0)));

    HttpResponse<String> r = http.get("/v1/services/eth/ranking");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = Http.json(r);
    assertThat(body.get("service").asText()).isEqualTo("eth");
    JsonNode ranked = body.get("servicers");
    assertThat(ranked).hasSize(3);
    assertThat(ranked.get(0).get("address").asText()).isEqualTo("fast");
    assertThat(ranked.get(0).get("rank").asInt()).isEqualTo(1);
    assertThat(ranked.get(0).get("session_id").asText()).isEqualTo("s-2");
    assertThat(ranked.get(0).get("reason").asText())
        .isEqualTo("availability 1.000 >= 0.900, p50 3.0 ms: best");
    assertThat(ranked.get(1).get("address").asText()).isEqualTo("slow");
    assertThat(ranked.get(1).get("reason").asText())
        .isEqualTo(
            "availability 1.000 >= 0.900, p50 400.0 ms: same availability, higher p50"
                + " (400.0 ms > 3.0 ms) than rank 1 (fast)");
    assertThat(ranked.get(2).get("address").asText()).isEqualTo("flaky");
    assertThat(ranked.get(2).get("reason").asText())
        .isEqualTo(
            "availability 0.950 >= 0.900, p50 2.0 ms: lower availability (0.950 < 1.000)"
                + " than rank 2 (slow)");
    JsonNode excluded = body.get("excluded");
    assertThat(excluded).hasSize(2);
    assertThat(excluded.get(0).get("address").asText()).isEqualTo("down");
    assertThat(excluded.get(0).get("reason").asText())
        .isEqualTo("not available: availability 0.000 < 0.900 over 10 probes");
    assertThat(excluded.get(1).get("address").asText()).isEqualTo("new");
    assertThat(excluded.get(1).get("reason").asText())
        .isEqualTo("not judged yet: 0 probes, 5 needed");
  }

  @Test
  void ranking_showsEachServicersReputation_andLeavesOutAServicerInTimeout() {
    start();
    engine.put(
        report(
            "s-2",
            T0,
            SessionState.ACTIVE,
            6,
            qos("slow", 1.0, 400.0),
            qos("fast", 1.0, 3.0),
            qos("punished", 1.0, 1.0)));
    // Six judged rounds: "punished" fails every probe (available: no, a timeout), "slow" answers
    // every probe (state ok); "fast" is not remembered.
    for (int round = 0; round < 6; round++) {
      engine
          .reputation()
          .record(
              new dev.fisherman.core.probe.RoundResult(
                  "s-2",
                  "eth",
                  round,
                  T0.plusSeconds(round),
                  List.of(observation("s-2", "punished"), okObservation("s-2", "slow", round))));
    }

    JsonNode body = Http.json(http.get("/v1/services/eth/ranking"));

    JsonNode ranked = body.get("servicers");
    assertThat(ranked.get(0).get("address").asText()).isEqualTo("slow");
    assertThat(ranked.get(0).get("reputation").get("state").asText()).isEqualTo("ok");
    assertThat(ranked.get(0).get("reputation").get("score").asInt()).isBetween(1, 100);
    assertThat(ranked.get(0).get("reason").asText())
        .startsWith("reputation ok " + ranked.get(0).get("reputation").get("score").asInt() + ",")
        .endsWith(": best");
    assertThat(ranked.get(1).get("address").asText()).isEqualTo("fast");
    assertThat(ranked.get(1).get("reputation").isNull()).isTrue();
    assertThat(ranked.get(1).get("reason").asText())
        .endsWith("reputation not remembered ranks after ok (rank 1, slow)");
    JsonNode excluded = body.get("excluded");
    assertThat(excluded).hasSize(1);
    assertThat(excluded.get(0).get("address").asText()).isEqualTo("punished");
    assertThat(excluded.get(0).get("reputation").get("state").asText()).isEqualTo("timeout");
    assertThat(excluded.get(0).get("reason").asText())
        .startsWith("reputation: timeout until ")
        .endsWith(" after available: no");
  }

  @Test
  void ranking_limit_cutsEachList_andCountsSayHowManyInAll() {
    start();
    engine.put(
        report(
            "s-1",
            T0,
            SessionState.ACTIVE,
            6,
            qos("a", 1.0, 1.0),
            qos("b", 1.0, 2.0),
            qos("c", 1.0, 3.0),
            qos("down-1", 0.0, 0.0),
            qos("down-2", 0.0, 0.0)));
    Instant before = Instant.now();

    JsonNode whole = Http.json(http.get("/v1/services/eth/ranking"));
    JsonNode cut = Http.json(http.get("/v1/services/eth/ranking?limit=1"));

    assertThat(whole.get("counts").get("ranked").asInt()).isEqualTo(3);
    assertThat(whole.get("counts").get("excluded").asInt()).isEqualTo(2);
    assertThat(whole.get("servicers")).hasSize(3);
    assertThat(Instant.parse(whole.get("as_of").asText()))
        .isBetween(before.minusSeconds(1), Instant.now());
    assertThat(cut.get("counts")).isEqualTo(whole.get("counts"));
    assertThat(cut.get("servicers")).containsExactly(whole.get("servicers").get(0));
    assertThat(cut.get("excluded")).containsExactly(whole.get("excluded").get(0));
  }

  @Test
  void ranking_badLimit_is400NamingTheField() {
    start();
    for (String limit : List.of("0", "10001", "x", "", "-1", "1&limit=2", "99999999999")) {
      HttpResponse<String> r = http.get("/v1/services/eth/ranking?limit=" + limit);
      assertThat(r.statusCode()).as(limit).isEqualTo(400);
      assertThat(Http.json(r).get("field").asText()).isEqualTo("limit");
      assertThat(Http.json(r).get("error").asText())
          .endsWith("(expected: one integer from 1 to 10000)");
    }
    assertThat(http.get("/v1/services/eth/ranking?limit=10000").statusCode()).isEqualTo(200);
  }

  @Test
  void ranking_unknownService_is404NamingTheField() {
    start();
    HttpResponse<String> r = http.get("/v1/services/btc/ranking");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body())
        .isEqualTo(
            "{\"error\":\"service: \\\"btc\\\" (expected: a service genesis defines: eth)\","
                + "\"field\":\"service\"}\n");
  }

  // --- metrics --------------------------------------------------------------------------------

  @Test
  void metrics_isPrometheusTextWithTheAdminMeters() {
    start();
    http.get("/healthz");
    HttpResponse<String> r = http.get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.body())
        .contains(
            "# HELP fisherman_admin_requests_seconds Admin HTTP requests answered, by route and"
                + " status code")
        .contains("fisherman_admin_requests_seconds_count{route=\"healthz\",status=\"200\"} 1");
  }

  // --- webhook --------------------------------------------------------------------------------

  @Test
  void webhook_newSession_is202WithTheSession_thenDuplicateIs200() {
    start();
    HttpResponse<String> first = http.post("/v1/sessions", BODY);
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(first.headers().firstValue("Location")).hasValue("/v1/sessions/s-1");
    assertThat(first.body())
        .isEqualTo(
            "{\"session_id\":\"s-1\",\"service\":\"eth\",\"started_at\":\"2026-01-01T00:00:00Z\","
                + "\"ends_at\":\"2026-01-01T00:01:00Z\",\"state\":\"active\",\"rounds_planned\":12,"
                + "\"rounds_done\":0,\"servicers\":1,"
                + "\"head\":null,\"rounds_excluded\":{\"total\":0,\"fisherman_network\":0,\"fisherman_stalled\":0}}\n");
    assertThat(engine.submitted()).hasSize(1);

    HttpResponse<String> again = http.post("/v1/sessions", BODY);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(engine.submitted()).hasSize(1);
  }

  @Test
  void webhook_sessionGoneFromTheStoreBeforeTheAnswer_is202WithTheSessionAsAdmitted() {
    // A short session can end, and a flood of ended sessions evict it, between its admission and
    // the answer: the body was then the event as read, without state and counters.
    start();
    engine.forgetOnAdmission();

    HttpResponse<String> r = http.post("/v1/sessions", BODY);

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.headers().firstValue("Location")).hasValue("/v1/sessions/s-1");
    assertThat(r.body())
        .isEqualTo(
            "{\"session_id\":\"s-1\",\"service\":\"eth\",\"started_at\":\"2026-01-01T00:00:00Z\","
                + "\"ends_at\":\"2026-01-01T00:01:00Z\",\"state\":\"active\",\"rounds_planned\":12,"
                + "\"rounds_done\":0,\"servicers\":1,"
                + "\"head\":null,\"rounds_excluded\":{\"total\":0,\"fisherman_network\":0,\"fisherman_stalled\":0}}\n");
    assertThat(http.get("/v1/sessions/s-1").statusCode()).isEqualTo(404);
  }

  @Test
  void webhook_sessionOverABudget_is429NamingTheBudgetAndFigures() {
    start();
    engine.refuseWith(
        new AdmissionRefusedException(
            "s-1", AdmissionRefusedException.Budget.PROBE_RATE, 30_000, 120.4, 4_096));

    HttpResponse<String> r = http.post("/v1/sessions", BODY);

    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.body())
        .isEqualTo(
            "{\"error\":\"session s-1 refused: probe_rate budget: it needs 30000 probes/s, 120.4"
                + " of 4096 are in use (expected: a session that fits in what is left, 3975.6)\","
                + "\"budget\":\"probe_rate\",\"needed\":30000,\"in_use\":121,\"limit\":4096}\n");
    assertThat(r.headers().firstValue("Location")).isEmpty();
    assertThat(engine.submitted()).isEmpty();
  }

  @Test
  void webhook_sessionWithNoRoomForARound_is400WithTheReason() {
    start();
    engine.refuseWith(
        new IllegalArgumentException("session s-1: no room for a single round: it ends at ..."));

    HttpResponse<String> r = http.post("/v1/sessions", BODY);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Http.json(r).get("error").asText())
        .isEqualTo("session s-1: no room for a single round: it ends at ...");
  }

  @Test
  void webhook_invalidBodies_are400NamingTheField() {
    start();
    assertBadRequest("{\"session_id\":\"s-1\"", "", "body: not valid JSON at 1:");
    assertBadRequest("[1]", "", "body: an array (expected: a JSON object)");
    assertBadRequest(
        BODY.replace("\"eth\"", "\"btc\""),
        "service",
        "service: \"btc\" (expected: a service genesis defines: eth)");
    assertBadRequest(
        BODY.replace("\"duration\"", "\"durations\""),
        "durations",
        "durations: unknown key (expected: one of session_id, service, start_height, end_height,"
            + " duration, servicers)");
    assertBadRequest(
        BODY.replace("http://127.0.0.1:9001", "ftp://x"),
        "servicers[0].url",
        "servicers[0].url: \"ftp://x\" (expected: an http or https URL with a host)");
    assertThat(engine.submitted()).isEmpty();
  }

  private void assertBadRequest(String body, String field, String messageStart) {
    HttpResponse<String> r = http.post("/v1/sessions", body);
    assertThat(r.statusCode()).as(body).isEqualTo(400);
    JsonNode json = Http.json(r);
    assertThat(json.get("error").asText()).startsWith(messageStart);
    if (field.isEmpty()) {
      assertThat(json.get("field").isNull()).isTrue();
    } else {
      assertThat(json.get("field").asText()).isEqualTo(field);
    }
  }

  @Test
  void webhook_withToken_refusesMissingAndWrongTokens() {
    start(true, Optional.of(TOKEN), Duration.ofSeconds(30));
    HttpResponse<String> none = http.post("/v1/sessions", BODY);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"fisherman\"");
    assertThat(none.body())
        .isEqualTo(
            "{\"error\":\"authorization: missing (expected: Bearer <token>)\","
                + "\"field\":\"authorization\"}\n");
    HttpResponse<String> wrong =
        http.post("/v1/sessions", BODY, "Authorization", "Bearer " + TOKEN + "x");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(Http.json(wrong).get("error").asText())
        .isEqualTo("authorization: wrong token (expected: Bearer <token>)");
    assertThat(engine.submitted()).isEmpty();

    HttpResponse<String> right =
        http.post("/v1/sessions", BODY, "Authorization", "Bearer " + TOKEN);
    assertThat(right.statusCode()).isEqualTo(202);
    // Reads stay open with a token configured.
    assertThat(http.get("/v1/sessions").statusCode()).isEqualTo(200);
  }

  @Test
  void webhook_withoutToken_fromANonLoopbackPeer_is403() throws Exception {
    Optional<InetAddress> external = nonLoopbackAddress();
    Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
    start(true, Optional.empty(), Duration.ofSeconds(30), external.get());
    String body = BODY;
    String raw =
        http.raw(
            ("POST /v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + body.length()
                    + "\r\nConnection: close\r\n\r\n"
                    + body)
                .getBytes(StandardCharsets.US_ASCII),
            null,
            Duration.ofSeconds(5));
    assertThat(raw).startsWith("HTTP/1.1 403 Forbidden\r\n");
    assertThat(raw)
        .contains(
            "{\"error\":\"authorization: writes without a token are taken from loopback only\","
                + "\"field\":\"authorization\"}");
    assertThat(engine.submitted()).isEmpty();
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws java.net.SocketException {
    for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
        if (a instanceof java.net.Inet4Address && !a.isLoopbackAddress()) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }

  @Test
  void webhook_notConfigured_postIs405() {
    start(false, Optional.empty(), Duration.ofSeconds(30));
    HttpResponse<String> r = http.post("/v1/sessions", BODY);
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("GET");
  }

  // --- routing errors -------------------------------------------------------------------------

  @Test
  void unknownPath_is404() {
    start();
    HttpResponse<String> r = http.get("/v2/whatever");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body())
        .isEqualTo(
            "{\"error\":\"path: \\\"/v2/whatever\\\" (expected: an admin API path, see"
                + " docs/admin-api.md)\",\"field\":\"path\"}\n");
  }

  @Test
  void wrongMethod_is405WithAllow() {
    start();
    HttpResponse<String> delete =
        http.send(HttpRequest.newBuilder(URI.create(base() + "/v1/sessions")).DELETE());
    assertThat(delete.statusCode()).isEqualTo(405);
    assertThat(delete.headers().firstValue("Allow")).hasValue("GET, POST");
    assertThat(Http.json(delete).get("error").asText())
        .isEqualTo("method: DELETE (expected: GET or POST)");

    HttpResponse<String> post = http.post("/healthz", "{}");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
  }

  private String base() {
    return "http://127.0.0.1:" + server.address().getPort();
  }

  // --- limits ---------------------------------------------------------------------------------

  @Test
  void body2MiB_is413_andTheServerKeepsItsSessions() {
    start();
    assertThat(http.post("/v1/sessions", BODY).statusCode()).isEqualTo(202);
    byte[] big = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    String head =
        "POST /v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: "
            + big.length
            + "\r\nConnection: close\r\n\r\n";
    String raw = http.raw(head.getBytes(StandardCharsets.US_ASCII), big, Duration.ofSeconds(5));
    assertThat(raw).startsWith("HTTP/1.1 413 Request Entity Too Large\r\n");
    assertThat(raw)
        .endsWith(
            "{\"error\":\"body: more than 1048576 bytes (expected: at most 1 MiB)\","
                + "\"field\":\"body\"}\n");

    // Through a keep-alive client too, and the daemon still serves what it had.
    HttpResponse<String> viaClient =
        http.post("/v1/sessions", new String(big, StandardCharsets.US_ASCII));
    assertThat(viaClient.statusCode()).isEqualTo(413);
    HttpResponse<String> list = http.get("/v1/sessions");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(Http.json(list).get(0).get("session_id").asText()).isEqualTo("s-1");
    assertThat(engine.submitted()).hasSize(1);
  }

  @Test
  void chunkedBodyOverTheLimit_is413() {
    start();
    StringBuilder head =
        new StringBuilder(
            "POST /v1/sessions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    String chunk = " ".repeat(64 * 1024);
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      body.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
    }
    body.append("0\r\n\r\n");
    String raw =
        http.raw(
            head.toString().getBytes(StandardCharsets.US_ASCII),
            body.toString().getBytes(StandardCharsets.US_ASCII),
            Duration.ofSeconds(2));
    assertThat(raw).startsWith("HTTP/1.1 413 Request Entity Too Large\r\n");
  }

  @Test
  void uriOver8KiB_is414() {
    start();
    String raw =
        http.raw(
            "GET /v1/sessions/" + "x".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
            Duration.ofSeconds(5));
    assertThat(raw).startsWith("HTTP/1.1 414 Request-URI Too Long\r\n");
    assertThat(raw).contains("\"field\":\"uri\"");
  }

  @Test
  void headersOver16KiB_is431() {
    start();
    String raw =
        http.raw(
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(17 * 1024) + "\r\n\r\n",
            Duration.ofSeconds(5));
    assertThat(raw).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n");
    assertThat(raw)
        .contains("{\"error\":\"headers: more than 16384 bytes\",\"field\":\"headers\"}");
  }

  @Test
  void malformedRequest_is400AndClosed() {
    start();
    String raw =
        http.raw("GET /healthz HTTP/1.1\r\nHost x\r\nBroken\r\n\r\n", Duration.ofSeconds(5));
    assertThat(raw).startsWith("HTTP/1.1 400 Bad Request\r\n");
    assertThat(raw).contains("connection: close");
  }

  @Test
  void idleConnection_isClosed() {
    start(true, Optional.empty(), Duration.ofMillis(300));
    // Nothing sent: the server closes the connection once it has been idle, so the read ends
    // (with -1) long before the 10 s socket timeout.
    long start = System.nanoTime();
    String raw = http.raw("", Duration.ofSeconds(10));
    assertThat(raw).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void keepAlive_servesManyRequestsOnOneConnection() {
    start();
    String two =
        "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    String raw = http.raw(two, Duration.ofSeconds(5));
    assertThat(raw.split("HTTP/1.1 200 OK", -1)).hasSize(3);
  }

  // --- load -----------------------------------------------------------------------------------

  @Test
  void fiftyConcurrentClients_whileTheStoreIsWritten_allAnswered() throws Exception {
    start();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong writes = new AtomicLong();
    Thread writer =
        new Thread(
            () -> {
              // Stands in for probes landing in the store while clients read.
              int n = 0;
              while (writing.get()) {
                engine.put(
                    report(
                        "w-" + (n % 20),
                        T0.plusSeconds(n % 20),
                        SessionState.ACTIVE,
                        n % 12,
                        qos("a", (n % 10) / 10.0, n % 100),
                        qos("b", 1.0, 3.0)));
                writes.incrementAndGet();
                n++;
              }
            });
    writer.start();
    ExecutorService clients = Executors.newFixedThreadPool(50);
    try {
      List<Callable<List<Integer>>> tasks = new ArrayList<>();
      for (int c = 0; c < 50; c++) {
        int client = c;
        tasks.add(
            () -> {
              try (Http own = new Http(server.address())) {
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                  String path =
                      switch ((client + i) % 4) {
                        case 0 -> "/v1/sessions";
                        case 1 -> "/v1/sessions/w-" + (i % 20);
                        case 2 -> "/v1/services/eth/ranking";
                        default -> "/v1/servicers/a";
                      };
                  HttpResponse<String> r = own.get(path);
                  Http.json(r);
                  statuses.add(r.statusCode());
                }
                return statuses;
              }
            });
      }
      List<Integer> all = new ArrayList<>();
      for (Future<List<Integer>> f : clients.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
        all.addAll(f.get());
      }
      assertThat(all).hasSize(500).containsOnly(200);
      assertThat(writes.get()).isPositive();
    } finally {
      writing.set(false);
      writer.join();
      clients.shutdownNow();
    }
  }

  // --- fixtures -------------------------------------------------------------------------------

  private static SessionReport report(
      String id, Instant start, SessionState state, int roundsDone, ServicerQos... servicers) {
    return new SessionReport(
        new SessionSummary(
            id, "eth", start, start.plusSeconds(60), state, 12, roundsDone, servicers.length),
        List.of(servicers));
  }

  private static ServicerQos qos(String address, double availability, double p50) {
    Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    long ok = Math.round(availability * 10);
    if (ok > 0) {
      outcomes.put(Outcome.OK, ok);
    }
    if (10 - ok > 0) {
      outcomes.put(Outcome.REFUSED, 10 - ok);
    }
    Verdicts.Available available =
        availability >= 0.9 ? Verdicts.Available.YES : Verdicts.Available.NO;
    return new ServicerQos(
        address,
        URI.create("http://127.0.0.1:" + (address.equals("b") ? 9002 : 9001)),
        10,
        outcomes,
        OptionalDouble.of(availability),
        Optional.of(new Interval(0.49, 0.94)),
        ok == 0
            ? Optional.empty()
            : Optional.of(new LatencySummary(1.0, p50, p50 * 2, p50 * 3, p50 * 4, 13.0)),
        new Verdicts(available, p50 >= 500 ? Verdicts.Latency.HIGH : Verdicts.Latency.LOW),
        OptionalLong.of(42));
  }

  private static ServicerQos unknownQos(String address) {
    return new ServicerQos(
        address,
        URI.create("http://127.0.0.1:9002"),
        0,
        Map.of(),
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty(),
        new Verdicts(Verdicts.Available.UNKNOWN, Verdicts.Latency.UNKNOWN),
        OptionalLong.empty());
  }

  private static Observation okObservation(String session, String servicer, int round) {
    return new Observation(
        session,
        servicer,
        round,
        T0.plusSeconds(round),
        250_000,
        OptionalLong.empty(),
        OptionalLong.of(3_000_000),
        3_500_000,
        Outcome.OK,
        OptionalInt.of(200),
        OptionalLong.empty(),
        ProbeFacts.NONE,
        "");
  }

  private static Observation observation(String session, String servicer) {
    return new Observation(
        session,
        servicer,
        3,
        T0.plusSeconds(10),
        250_000,
        OptionalLong.of(500_000),
        OptionalLong.of(3_000_000),
        3_500_000,
        Outcome.HTTP_STATUS,
        OptionalInt.of(503),
        OptionalLong.empty(),
        ProbeFacts.NONE,
        "HTTP 503");
  }
}
