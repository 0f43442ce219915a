package dev.fisherman.daemon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP client for tests: java.net.http for well-formed requests, raw sockets otherwise. */
public final class Http implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;
  private final InetSocketAddress address;

  public Http(InetSocketAddress address) {
    this.address = address;
    this.base = "http://127.0.0.1:" + address.getPort();
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public HttpResponse<String> post(String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b);
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(
          request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode json(HttpResponse<String> response) {
    return json(response.body());
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code head} (and {@code body}) on a fresh connection and returns everything the server
   * sends until it closes the connection or {@code timeout} passes.
   */
  /**
   * Writes {@code head} and {@code body} on a fresh connection and returns every byte the server
   * sent until it closed or went quiet for {@code timeout}. A server may answer and close before it
   * has read the whole request (a 413 on a large body): a write that fails then is not the outcome,
   * the answer is, so the answer is read either way. The write failure is thrown only when no
   * answer arrived at all.
   */
  public String raw(byte[] head, byte[] body, Duration timeout) {
    try (Socket s = new Socket()) {
      s.connect(address, 5_000);
      s.setSoTimeout((int) timeout.toMillis());
      IOException writeFailure = null;
      try {
        OutputStream out = s.getOutputStream();
        out.write(head);
        if (body != null) {
          out.write(body);
        }
        out.flush();
      } catch (IOException e) {
        writeFailure = e;
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          got.write(buffer, 0, n);
        }
      } catch (java.net.SocketTimeoutException e) {
        // The server kept the connection open: return what arrived.
      } catch (IOException e) {
        // Reset after the server closed with request bytes unread: return what arrived.
        if (got.size() == 0) {
          if (writeFailure != null) {
            e.addSuppressed(writeFailure);
          }
          throw e;
        }
      }
      if (got.size() == 0 && writeFailure != null) {
        throw writeFailure;
      }
      return got.toString(StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String raw(String head, Duration timeout) {
    return raw(head.getBytes(StandardCharsets.ISO_8859_1), null, timeout);
  }

  @Override
  public void close() {
    client.close();
  }
}
