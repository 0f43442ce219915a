package dev.fisherman.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

// One at a time: the timing assertions should not compete with each other for two cores.
@Execution(ExecutionMode.SAME_THREAD)
class FaultProxyIT {

  /** Scheduling slack allowed on top of an injected delay on a busy 2-core machine. */
  private static final Duration SLACK = Duration.ofMillis(80);

  private static EventLoopGroup group;
  private EchoServer echo;
  private FaultProxy proxy;

  @BeforeAll
  static void startGroup() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stopGroup() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @BeforeEach
  void start() {
    echo = new EchoServer(group);
    proxy = FaultProxy.start(group, echo.address(), Toxics.none(), new SplittableRandom(3));
  }

  @AfterEach
  void stop() {
    proxy.close();
    echo.close();
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", proxy.address().getPort());
    socket.setSoTimeout(5_000);
    socket.setTcpNoDelay(true);
    return socket;
  }

  private static byte[] roundTrip(Socket socket, byte[] payload) throws IOException {
    socket.getOutputStream().write(payload);
    socket.getOutputStream().flush();
    return socket.getInputStream().readNBytes(payload.length);
  }

  private static Duration timeRoundTrip(Socket socket, String text) throws IOException {
    long start = System.nanoTime();
    byte[] back = roundTrip(socket, text.getBytes(StandardCharsets.US_ASCII));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(new String(back, StandardCharsets.US_ASCII)).isEqualTo(text);
    return took;
  }

  @Test
  void none_forwardsBytesUnchangedBothWays() throws Exception {
    try (Socket socket = connect()) {
      byte[] payload = new byte[100_000];
      new SplittableRandom(1).nextBytes(payload);

      byte[] back = roundTrip(socket, payload);

      assertThat(back).isEqualTo(payload);
      assertThat(echo.received()).isEqualTo(100_000);
      assertThat(proxy.upstreamBytes()).isEqualTo(100_000);
      assertThat(proxy.connections()).isEqualTo(1);
    }
  }

  @Test
  void latency_downstream_addsTheDelayToEveryAnswer() throws Exception {
    proxy.toxics(Toxics.latency(Duration.ofMillis(150)));
    try (Socket socket = connect()) {
      for (int i = 0; i < 3; i++) {
        assertThat(timeRoundTrip(socket, "ping-" + i))
            .isBetween(Duration.ofMillis(150), Duration.ofMillis(150).plus(SLACK));
      }
    }
  }

  @Test
  void latency_perDirection_adds() throws Exception {
    Toxics.Direction up = Toxics.Direction.clean().withLatency(Duration.ofMillis(100));
    Toxics.Direction down = Toxics.Direction.clean().withLatency(Duration.ofMillis(60));
    proxy.toxics(Toxics.none().withUpstream(up).withDownstream(down));

    try (Socket socket = connect()) {
      assertThat(timeRoundTrip(socket, "ping"))
          .isBetween(Duration.ofMillis(160), Duration.ofMillis(160).plus(SLACK));
    }
  }

  @Test
  void jitter_staysWithinItsBoundAndKeepsOrder() throws Exception {
    Toxics.Direction down =
        Toxics.Direction.clean()
            .withLatency(Duration.ofMillis(20))
            .withJitter(Duration.ofMillis(60));
    proxy.toxics(Toxics.none().withDownstream(down));

    try (Socket socket = connect()) {
      for (int i = 0; i < 5; i++) {
        assertThat(timeRoundTrip(socket, "p" + i))
            .isBetween(Duration.ofMillis(20), Duration.ofMillis(80).plus(SLACK));
      }
      // Many small writes at once: jitter draws differ, bytes must still arrive in order.
      byte[] sent = new byte[2_000];
      for (int i = 0; i < sent.length; i++) {
        sent[i] = (byte) ('a' + i % 26);
      }
      for (int i = 0; i < sent.length; i += 100) {
        socket.getOutputStream().write(sent, i, 100);
        socket.getOutputStream().flush();
      }
      assertThat(socket.getInputStream().readNBytes(sent.length)).isEqualTo(sent);
    }
  }

  @Test
  void bandwidth_limitsTheThroughput() throws Exception {
    proxy.toxics(Toxics.none().withDownstream(Toxics.Direction.clean().withBandwidth(100_000)));
    try (Socket socket = connect()) {
      byte[] payload = new byte[50_000];
      Arrays.fill(payload, (byte) 'x');

      long start = System.nanoTime();
      byte[] back = roundTrip(socket, payload);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(back).isEqualTo(payload);
      // 50 kB at 100 kB/s: half a second, give or take one slice of 10 ms.
      assertThat(took).isBetween(Duration.ofMillis(480), Duration.ofMillis(500).plus(SLACK));
    }
  }

  @Test
  void reset_resetsAnOpenConnection() throws Exception {
    try (Socket socket = connect()) {
      assertThat(timeRoundTrip(socket, "before")).isLessThan(Duration.ofSeconds(1));

      proxy.toxics(Toxics.reset());

      InputStream in = socket.getInputStream();
      assertThatThrownBy(in::read)
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
  }

  @Test
  void reset_resetsNewConnections() throws Exception {
    proxy.toxics(Toxics.reset());
    try (Socket socket = connect()) {
      assertThatThrownBy(() -> roundTrip(socket, "x".getBytes(StandardCharsets.US_ASCII)))
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
      assertThat(echo.received()).isZero();
    }
  }

  @Test
  void blackhole_acceptsAndSwallows() throws Exception {
    proxy.toxics(Toxics.blackhole());
    try (Socket socket = connect()) {
      socket.setSoTimeout(300);
      socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));

      assertThatThrownBy(() -> socket.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(proxy.upstreamBytes()).isEqualTo(4);
      assertThat(echo.received()).isZero();
    }
  }

  @Test
  void blackhole_swallowsOnAnOpenConnection() throws Exception {
    try (Socket socket = connect()) {
      assertThat(timeRoundTrip(socket, "before")).isLessThan(Duration.ofSeconds(1));

      proxy.toxics(Toxics.blackhole());
      socket.setSoTimeout(300);
      socket.getOutputStream().write("after".getBytes(StandardCharsets.US_ASCII));

      assertThatThrownBy(() -> socket.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(echo.received()).isEqualTo("before".length());
    }
  }

  @Test
  void closeAfter_deliversExactlyThatManyBytesThenCloses() throws Exception {
    proxy.toxics(Toxics.none().withDownstream(Toxics.Direction.clean().closingAfter(100)));
    try (Socket socket = connect()) {
      byte[] payload = new byte[1_000];
      Arrays.fill(payload, (byte) 'y');
      socket.getOutputStream().write(payload);

      byte[] back = socket.getInputStream().readAllBytes();

      assertThat(back).hasSize(100);
    }
  }

  @Test
  void toxics_switchWhileAConnectionIsOpen() throws Exception {
    try (Socket socket = connect()) {
      Duration fast = timeRoundTrip(socket, "fast");

      proxy.toxics(Toxics.latency(Duration.ofMillis(200)));
      Duration slow = timeRoundTrip(socket, "slow");
      proxy.toxics(Toxics.none());
      Duration fastAgain = timeRoundTrip(socket, "fast");

      assertThat(fast).isLessThan(Duration.ofMillis(100));
      assertThat(slow).isBetween(Duration.ofMillis(200), Duration.ofMillis(200).plus(SLACK));
      assertThat(fastAgain).isLessThan(Duration.ofMillis(100));
    }
  }

  @Test
  void targetDown_closesTheClientConnection() throws Exception {
    // A bound socket that never listens: connecting to it is refused, and no one else can take
    // the port meanwhile.
    try (Socket down = new Socket()) {
      down.bind(new InetSocketAddress("127.0.0.1", 0));
      FaultProxy toNowhere =
          FaultProxy.start(
              group,
              new InetSocketAddress("127.0.0.1", down.getLocalPort()),
              Toxics.none(),
              new SplittableRandom(5));
      try (Socket socket = new Socket("127.0.0.1", toNowhere.address().getPort())) {
        socket.setSoTimeout(5_000);

        assertThat(socket.getInputStream().read()).isEqualTo(-1);
      } finally {
        toNowhere.close();
      }
    }
  }
}
