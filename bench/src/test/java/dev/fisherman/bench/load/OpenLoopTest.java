package dev.fisherman.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generator's byte-level HTTP/1.1 reader against a real server on a loopback port: answers with
 * a length or in chunks, split across reads, with headers in any case; statuses counted; bodies
 * searched for a marker or handed over as text.
 */
class OpenLoopTest {
  /** The answers the server cycles through, one per request, whatever the connection. */
  private static final List<String> ANSWERS =
      List.of(
          // A length, body with the marker.
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 19\r\n\r\n"
              + "{\"address\":\"pokt1\"}",
          // Chunked, header names in odd case, a chunk extension, a trailer; no marker.
          "HTTP/1.1 200 OK\r\nTRANSFER-encoding: chunked\r\n\r\n"
              + "5;ext=1\r\n{\"ser\r\n"
              + "a\r\nvicers\":[]\r\n"
              + "1\r\n}\r\n"
              + "0\r\nX-Trailer: 1\r\n\r\n",
          // An error with a body.
          "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 14\r\n\r\n{\"error\":\"x\"}\n");

  private ServerSocket server;
  private Thread acceptor;
  private final AtomicInteger served = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  while (!server.isClosed()) {
                    try {
                      Socket s = server.accept();
                      Thread.ofPlatform().daemon().start(() -> serve(s));
                    } catch (IOException e) {
                      return;
                    }
                  }
                });
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    acceptor.join(5_000);
  }

  /** Reads request heads and writes the next answer, a byte at a time for every third one. */
  private void serve(Socket s) {
    try (s;
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream()) {
      int matched = 0;
      for (int b; (b = in.read()) >= 0; ) {
        // The end of a request head: CR LF CR LF (these GETs have no body).
        matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        if (matched < 4) {
          continue;
        }
        matched = 0;
        int n = served.getAndIncrement();
        byte[] answer = ANSWERS.get(n % ANSWERS.size()).getBytes(StandardCharsets.US_ASCII);
        if (n % 3 == 0) {
          for (byte x : answer) {
            out.write(x);
            out.flush();
          }
        } else {
          out.write(answer);
          out.flush();
        }
      }
    } catch (IOException e) {
      // The generator closed the connection at the end of its run.
    }
  }

  private DefaultFullHttpRequest get() {
    DefaultFullHttpRequest r =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/v1/services/eth/select");
    r.headers().set(HttpHeaderNames.HOST, "127.0.0.1:" + server.getLocalPort());
    return r;
  }

  private InetSocketAddress target() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
  }

  @Test
  void countsEveryAnswerItsStatusAndTheBodiesWithoutTheMarker() throws Exception {
    OpenLoop loop = OpenLoop.expecting(target(), 1, this::get, "\"address\"");

    OpenLoop.Result r = loop.run(200, Duration.ofMillis(300));

    // One connection, so answers come in the server's order: 60 due, a third of each kind.
    assertEquals(60, r.due());
    assertEquals(60, r.answered());
    assertEquals(20, r.failed(), "the 503s");
    assertEquals(20, r.unmatched(), "the chunked 200s, which name no address");
    assertEquals(60, r.latency().getTotalCount());
    assertTrue(r.latency().getMaxValue() > 0);
  }

  @Test
  void handsEachSuccessfulBodyOverAsText() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    OpenLoop loop = new OpenLoop(target(), 1, this::get, bodies::add);

    OpenLoop.Result r = loop.run(200, Duration.ofMillis(150));

    assertEquals(30, r.answered());
    assertEquals(0, r.unmatched(), "no marker asked for");
    assertEquals(20, bodies.size(), "the 2xx answers only");
    assertEquals("{\"address\":\"pokt1\"}", bodies.get(0));
    assertEquals("{\"servicers\":[]}", bodies.get(1));
  }

  @Test
  void countsOnlyTheMeasuredWindowAfterTheWarmUp() throws Exception {
    OpenLoop loop = OpenLoop.expecting(target(), 2, this::get, "\"address\"");

    OpenLoop.Result r = loop.run(200, Duration.ofMillis(100), Duration.ofMillis(150));

    assertEquals(30, r.due());
    assertEquals(30, r.answered());
    assertEquals(30, r.latency().getTotalCount());
    assertEquals(50, served.get(), "warm-up and measured requests all went out");
  }

  @Test
  void readsHeadersAndNumbersOnBytes() {
    byte[] line = "Content-Length:  42 ".getBytes(StandardCharsets.US_ASCII);
    assertTrue(OpenLoop.isHeader(line, line.length, "content-length"));
    assertEquals(42, OpenLoop.number(line, 15, line.length, 10));
    assertEquals(-1, OpenLoop.number(line, 0, 7, 10), "not a number");
    byte[] hex = "1aF".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0x1af, OpenLoop.number(hex, 0, hex.length, 16));
    byte[] te = "Transfer-Encoding: gzip, CHUNKED".getBytes(StandardCharsets.US_ASCII);
    assertTrue(OpenLoop.contains(te, te.length, "chunked".getBytes(), true));
    assertTrue(!OpenLoop.contains(te, te.length, "chunked".getBytes(), false));
    byte[] body = "{\"address\":1}".getBytes(StandardCharsets.US_ASCII);
    assertTrue(OpenLoop.contains(body, body.length, "\"address\"".getBytes(), false));
    assertTrue(
        !OpenLoop.contains(body, 5, "\"address\"".getBytes(), false), "only the given length");
  }
}
