package dev.fisherman.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.Failure;
import dev.fisherman.sim.SimulatedServicer;
import dev.fisherman.testkit.Poll;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedServicerIT {

  private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress("127.0.0.1", 0);

  /** 2024-01-01T00:00:00Z plus 4,096 seconds: the chain head is block 0x1000. */
  private static final InstantSource AT_HEIGHT_4096 =
      InstantSource.fixed(Instant.parse("2024-01-01T01:08:16Z"));

  private static EventLoopGroup group;
  private HttpClient client;
  private SimulatedServicer servicer;

  @BeforeAll
  static void startGroup() {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stopGroup() {
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  @BeforeEach
  void startClient() {
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
  }

  @AfterEach
  void stop() {
    if (servicer != null) {
      servicer.close();
    }
    client.close();
  }

  private SimulatedServicer start(Behaviour behaviour) {
    servicer =
        SimulatedServicer.start(
            group, ANY_LOOPBACK_PORT, behaviour, new SplittableRandom(7), AT_HEIGHT_4096);
    return servicer;
  }

  private HttpResponse<String> post(String body) throws IOException, InterruptedException {
    return post(body, Duration.ofSeconds(5));
  }

  private HttpResponse<String> post(String body, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(servicer.url().resolve("/"))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String blockNumber(String id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"eth_blockNumber\",\"params\":[]}";
  }

  @Test
  void healthy_answersWithTheRequestIdAndTheHeadAsHex() throws Exception {
    start(Behaviour.healthy());

    HttpResponse<String> numeric = post(blockNumber("4711"));
    HttpResponse<String> text = post(blockNumber("\"abc\""));

    assertThat(numeric.statusCode()).isEqualTo(200);
    assertThat(numeric.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(numeric.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":4711,\"result\":\"0x1000\"}");
    assertThat(text.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"result\":\"0x1000\"}");
    assertThat(servicer.requests()).isEqualTo(2);
    assertThat(servicer.connections()).isEqualTo(1);
  }

  @Test
  void url_isLoopbackWithTheBoundPort() {
    start(Behaviour.healthy());

    assertThat(servicer.url().toString())
        .isEqualTo("http://127.0.0.1:" + servicer.address().getPort());
    assertThat(servicer.address().getPort()).isPositive();
  }

  @Test
  void height_advancesOneBlockPerBlockTime() {
    Instant[] now = {Instant.parse("2024-01-01T01:08:16Z")};
    InstantSource clock = () -> now[0];
    servicer =
        SimulatedServicer.start(
            group, ANY_LOOPBACK_PORT, Behaviour.healthy(), new SplittableRandom(1), clock);

    long before = servicer.height();
    now[0] = now[0].plus(SimulatedServicer.BLOCK_TIME.multipliedBy(3));

    assertThat(before).isEqualTo(4096);
    assertThat(servicer.height()).isEqualTo(4099);
  }

  @Test
  void heightLag_reportsAnOlderBlock() throws Exception {
    start(Behaviour.healthy().withHeightLag(16));

    assertThat(post(blockNumber("1")).body())
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0xff0\"}");
  }

  @Test
  void slow_answersNoSoonerThanTheDelay() throws Exception {
    start(Behaviour.slow(Duration.ofMillis(300)));

    long startNanos = System.nanoTime();
    HttpResponse<String> response = post(blockNumber("1"));
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void flaky_failsExactlyTheRequestsTheSeededRandomPicks() throws Exception {
    start(Behaviour.flaky(0.3));
    SplittableRandom sameSeed = new SplittableRandom(7);
    int expectedFailures = 0;
    int failures = 0;

    for (int i = 0; i < 200; i++) {
      boolean expectFailure = sameSeed.nextDouble() < 0.3;
      expectedFailures += expectFailure ? 1 : 0;
      HttpResponse<String> response = post(blockNumber(Integer.toString(i)));
      assertThat(response.statusCode()).isEqualTo(expectFailure ? 503 : 200);
      failures += response.statusCode() == 503 ? 1 : 0;
    }

    assertThat(failures).isEqualTo(expectedFailures).isBetween(40, 80);
    assertThat(servicer.failures()).isEqualTo(expectedFailures);
    assertThat(servicer.requests()).isEqualTo(200);
  }

  @Test
  void httpStatus_answersTheConfiguredStatus() throws Exception {
    start(Behaviour.always(Failure.HTTP_STATUS).withHttpStatus(502));

    HttpResponse<String> response = post(blockNumber("1"));

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).isEqualTo("{\"error\":\"simulated failure\"}");
  }

  @Test
  void rpcError_answersAJsonRpcErrorObject() throws Exception {
    start(Behaviour.always(Failure.RPC_ERROR));

    HttpResponse<String> response = post(blockNumber("9"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32000,"
                + "\"message\":\"simulated failure\"}}");
  }

  @Test
  void garbage_answersABodyThatIsNotJson() throws Exception {
    start(Behaviour.always(Failure.GARBAGE));

    HttpResponse<String> response = post(blockNumber("1"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("<<garbage, not json>>");
  }

  @Test
  void hugeBody_streamsExactlyTheConfiguredSize() throws Exception {
    long size = 3L * 1024 * 1024 + 17;
    start(Behaviour.always(Failure.HUGE_BODY).withHugeBodyBytes(size));

    HttpResponse<String> response = post(blockNumber("5"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).hasSize((int) size);
    assertThat(response.body()).startsWith("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":\"0xfff");
    assertThat(response.body()).endsWith("ff\"}");
  }

  @Test
  void hugeBody_smallerThanItsFrameIsCutShort() throws Exception {
    start(Behaviour.always(Failure.HUGE_BODY).withHugeBodyBytes(10));

    assertThat(post(blockNumber("5")).body()).isEqualTo("{\"jsonrpc\"");
  }

  @Test
  void reset_breaksTheResponseMidway() {
    start(Behaviour.always(Failure.RESET));

    assertThatThrownBy(() -> post(blockNumber("1"))).isInstanceOf(IOException.class);
    assertThat(servicer.requests()).isEqualTo(1);
  }

  @Test
  void close_closesWithoutAnswering() {
    start(Behaviour.always(Failure.CLOSE));

    assertThatThrownBy(() -> post(blockNumber("1")))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void hang_acceptsAndNeverAnswers() {
    start(Behaviour.always(Failure.HANG));

    assertThatThrownBy(() -> post(blockNumber("1"), Duration.ofMillis(300)))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(servicer.requests()).isEqualTo(1);
  }

  @Test
  void behave_switchesBehaviourWhileRunning() throws Exception {
    start(Behaviour.healthy());
    int before = post(blockNumber("1")).statusCode();

    servicer.behave(Behaviour.always(Failure.HTTP_STATUS).withHttpStatus(500));
    int after = post(blockNumber("2")).statusCode();

    assertThat(before).isEqualTo(200);
    assertThat(after).isEqualTo(500);
    assertThat(servicer.behaviour().httpStatus()).isEqualTo(500);
  }

  @Test
  void nonPost_isAnswered405() throws Exception {
    start(Behaviour.healthy());

    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(servicer.url().resolve("/")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.body()).isEqualTo("{\"error\":\"method: GET (expected: POST)\"}");
  }

  @Test
  void close_stopsListeningButLeavesTheGroupRunning() throws Exception {
    SimulatedServicer closed = start(Behaviour.healthy());
    post(blockNumber("1"));

    closed.close();
    servicer = null;
    // Whatever answers now (nothing, or whoever took the freed port on this shared machine),
    // it is not the closed servicer: its count stays where it was.
    try (HttpClient fresh = HttpClient.newHttpClient()) {
      fresh.send(
          HttpRequest.newBuilder(closed.url().resolve("/"))
              .timeout(Duration.ofSeconds(1))
              .POST(HttpRequest.BodyPublishers.ofString(blockNumber("2")))
              .build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (IOException expected) {
      // Refused, most likely.
    }

    assertThat(closed.requests()).isEqualTo(1);
    assertThat(group.isShuttingDown()).isFalse();
    start(Behaviour.healthy());
    assertThat(post(blockNumber("3")).statusCode()).isEqualTo(200);
  }

  @Test
  void close_closesOpenConnections() throws Exception {
    start(Behaviour.healthy());
    try (Socket socket =
        new Socket(servicer.address().getAddress(), servicer.address().getPort())) {
      Poll.until(Duration.ofSeconds(5), () -> servicer.connections() == 1);

      servicer.close();
      servicer = null;

      socket.setSoTimeout(2_000);
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }
}
