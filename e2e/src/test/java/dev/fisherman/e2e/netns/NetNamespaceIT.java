package dev.fisherman.e2e.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The namespace harness itself, checked with plain TCP: a shell inside the namespace connects to
 * (and downloads from) servers on the host side of the veth pair while faults are switched.
 */
class NetNamespaceIT {
  private NetNamespace ns;
  private Server a;
  private Server b;

  @BeforeEach
  void create() {
    NetNamespace.requireSupported();
    ns = NetNamespace.create();
    a = new Server(ns, 16 * 1024);
    b = new Server(ns, 16 * 1024);
  }

  @AfterEach
  void close() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    if (ns != null) {
      ns.close();
    }
  }

  /** Whether a TCP connection from inside the namespace to {@code server} succeeds in 0.5 s. */
  private boolean connects(Server server) {
    return shell(
            "timeout 0.5 bash -c 'exec 3<>/dev/tcp/%s/%d'"
                .formatted(
                    server.address().getAddress().getHostAddress(), server.address().getPort()))
        == 0;
  }

  private int shell(String script) {
    try {
      Process p =
          new ProcessBuilder(ns.command(List.of("bash", "-c", script)))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(script + " did not end");
      }
      return p.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void create_insideReachesTheHostSide() {
    assertThat(ns.exists()).isTrue();
    assertThat(ns.inside(List.of("ip", "-o", "-4", "addr", "show")))
        .contains(ns.innerAddress().getHostAddress() + "/30");
    assertThat(connects(a)).isTrue();
  }

  @Test
  void dropAll_nothingGetsOut_untilRestored() {
    ns.dropAll();
    assertThat(connects(a)).isFalse();
    assertThat(connects(b)).isFalse();

    ns.restore();

    assertThat(connects(a)).isTrue();
  }

  @Test
  void blackhole_oneServicerUnreachable_othersNot() {
    ns.blackhole(a.address());

    assertThat(connects(a)).isFalse();
    assertThat(connects(b)).isTrue();
    assertThat(ns.dropped(a.address())).isPositive();
    assertThat(ns.dropped(b.address())).isZero();
  }

  @Test
  void loss_failedConnectionsAreTheKernelsCount() {
    ns.loss(a.address(), 0.5);
    int attempts = 24;
    int failed = 0;
    for (int i = 0; i < attempts; i++) {
      failed += connects(a) ? 0 : 1;
    }

    assertThat(ns.lostConnections(a.address())).as("connections the rule lost").isEqualTo(failed);
    // 24 draws at p = 0.5: all-or-nothing has a chance of 2^-23; either means no random rule.
    assertThat(failed).isBetween(1, attempts - 1);
    assertThat(connects(b)).isTrue();
  }

  @Test
  void bandwidth_slowsDownloads_untilRestored() {
    Duration unlimited = download(a);
    ns.bandwidth("32kbit");
    Duration limited = download(a);
    ns.restore();
    Duration restored = download(a);

    // 16 KiB at 32 kbit/s (4 KB/s) after a 1600-byte burst: at least 3.5 s.
    assertThat(limited).isGreaterThan(Duration.ofMillis(3500));
    assertThat(unlimited).isLessThan(Duration.ofMillis(3500));
    assertThat(restored).isLessThan(Duration.ofMillis(3500));
  }

  private Duration download(Server server) {
    long start = System.nanoTime();
    int exit =
        shell(
            "timeout 20 bash -c 'cat < /dev/tcp/%s/%d > /dev/null'"
                .formatted(
                    server.address().getAddress().getHostAddress(), server.address().getPort()));
    assertThat(exit).as("download exit code").isZero();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Test
  void close_removesTheNamespaceAndTheVeth() {
    ns.dropAll();

    ns.close();

    assertThat(ns.exists()).isFalse();
    assertThat(ns.hostVethExists()).isFalse();
    ns = null;
  }

  /** Serves {@code bytes} bytes to every connection, on the host side of the veth pair. */
  private static final class Server implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread acceptor;

    Server(NetNamespace ns, int bytes) {
      try {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(ns.hostAddress(), 0));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      byte[] body = "x".repeat(bytes).getBytes(StandardCharsets.US_ASCII);
      acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!socket.isClosed()) {
                      try {
                        Socket s = socket.accept();
                        Thread.ofVirtual()
                            .start(
                                () -> {
                                  try (s;
                                      OutputStream out = s.getOutputStream()) {
                                    out.write(body);
                                  } catch (IOException e) {
                                    // the client left early (connect-only checks): nothing to do
                                  }
                                });
                      } catch (IOException e) {
                        return;
                      }
                    }
                  });
    }

    InetSocketAddress address() {
      return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
      try {
        socket.close();
        acceptor.join(Duration.ofSeconds(5));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
