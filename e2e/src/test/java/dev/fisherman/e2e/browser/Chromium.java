package dev.fisherman.e2e.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium driven over the DevTools protocol: opens pages, reads what a person
 * sees (text, DOM, a screenshot) and collects console errors and uncaught exceptions. Each instance
 * is one browser process with a fresh profile directory; {@link #close} ends both.
 */
public final class Chromium implements AutoCloseable {
  /** Where Debian installs it; {@code CHROMIUM} overrides. */
  static final Path DEFAULT = Path.of("/usr/bin/chromium");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final Map<String, Page> pages = new ConcurrentHashMap<>();
  private final Duration timeout;

  private Chromium(Process process, Path profile, URI devtools, Duration timeout)
      throws IOException {
    this.process = process;
    this.profile = profile;
    this.timeout = timeout;
    HttpClient http = HttpClient.newHttpClient();
    this.socket = join(http.newWebSocketBuilder().buildAsync(devtools, new Listener()), timeout);
  }

  /** The Chromium executable, if installed. */
  public static Optional<Path> executable() {
    String env = System.getenv("CHROMIUM");
    Path path = env == null || env.isBlank() ? DEFAULT : Path.of(env);
    return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
  }

  /**
   * The Chromium executable; in CI ({@code CI=true}) a missing one fails the test, elsewhere the
   * test is skipped with a message on stderr.
   */
  public static Path require() {
    Optional<Path> found = executable();
    if (found.isPresent()) {
      return found.get();
    }
    String message =
        "chromium is not installed at "
            + DEFAULT
            + " (or $CHROMIUM): install it with `apt-get install chromium` or run bin/ensure-tools";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      return Assertions.fail(message + " (CI=true: required)");
    }
    System.err.println("SKIPPED: " + message);
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  /** Starts a headless browser; {@code timeout} bounds each protocol command and page load. */
  public static Chromium launch(Path executable, Duration timeout) throws IOException {
    Path profile = Files.createTempDirectory("fisherman-chromium-");
    Process process =
        new ProcessBuilder(
                executable.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--mute-audio",
                "--hide-scrollbars",
                "--window-size=1280,800",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      URI devtools = devtoolsUri(process);
      return new Chromium(process, profile, devtools, timeout);
    } catch (IOException | RuntimeException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      deleteTree(profile);
      throw e;
    }
  }

  /** Reads stderr until Chromium says where its DevTools endpoint listens, then drains the rest. */
  private static URI devtoolsUri(Process process) throws IOException {
    CompletableFuture<URI> uri = new CompletableFuture<>();
    List<String> seen = new ArrayList<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (BufferedReader err =
                      new BufferedReader(
                          new InputStreamReader(
                              process.getErrorStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = err.readLine()) != null) {
                      int at = line.indexOf("DevTools listening on ");
                      if (at >= 0) {
                        uri.complete(URI.create(line.substring(at + 22).strip()));
                      } else if (!uri.isDone()) {
                        synchronized (seen) {
                          seen.add(line);
                        }
                      }
                    }
                  } catch (IOException e) {
                    uri.completeExceptionally(e);
                  }
                  uri.completeExceptionally(new IOException("chromium exited: " + seen));
                });
    try {
      return uri.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      reader.interrupt();
      throw new IOException("chromium did not open DevTools within " + START_TIMEOUT, e);
    } catch (ExecutionException e) {
      throw new IOException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** Opens {@code url} in a new tab and waits for its load event. */
  public Page open(URI url) {
    String targetId =
        call(null, "Target.createTarget", obj("url", "about:blank")).get("targetId").asText();
    ObjectNode attach = obj("targetId", targetId);
    attach.put("flatten", true);
    String session = call(null, "Target.attachToTarget", attach).get("sessionId").asText();
    Page page = new Page(this, session);
    pages.put(session, page);
    call(session, "Page.enable", obj());
    call(session, "Runtime.enable", obj());
    call(session, "Log.enable", obj());
    CompletableFuture<Void> loaded = page.nextLoad();
    JsonNode nav = call(session, "Page.navigate", obj("url", url.toString()));
    if (nav.hasNonNull("errorText")) {
      throw new IllegalStateException("navigate " + url + ": " + nav.get("errorText").asText());
    }
    join(loaded, timeout);
    return page;
  }

  /** Opens {@code url} and writes a PNG screenshot of it to {@code png}. */
  public void screenshot(URI url, Path png) throws IOException {
    Files.write(png, open(url).screenshot());
  }

  /** Opens {@code url} and returns its DOM after the scripts ran. */
  public String dumpDom(URI url) {
    return open(url).dom();
  }

  JsonNode call(String session, String method, ObjectNode params) {
    long id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", params);
    if (session != null) {
      message.put("sessionId", session);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    synchronized (socket) {
      join(socket.sendText(message.toString(), true), timeout);
    }
    JsonNode answer = join(reply, timeout);
    if (answer.has("error")) {
      throw new IllegalStateException(method + ": " + answer.get("error"));
    }
    return answer.get("result");
  }

  static ObjectNode obj(String... keyValues) {
    ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      node.put(keyValues[i], keyValues[i + 1]);
    }
    return node;
  }

  Duration timeout() {
    return timeout;
  }

  private static <T> T join(CompletionStage<T> stage, Duration timeout) {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer from chromium within " + timeout, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void dispatch(JsonNode message) {
    if (message.has("id")) {
      CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asLong());
      if (reply != null) {
        reply.complete(message);
      }
      return;
    }
    JsonNode session = message.get("sessionId");
    Page page = session == null ? null : pages.get(session.asText());
    if (page != null) {
      page.event(message.get("method").asText(), message.get("params"));
    }
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      // The browser is ended below either way.
    }
    socket.abort();
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(profile);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Assembles text frames into messages and hands each to {@link #dispatch}. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          dispatch(JSON.readTree(text));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      pending.values().forEach(f -> f.completeExceptionally(error));
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      IllegalStateException closed = new IllegalStateException("devtools closed: " + statusCode);
      pending.values().forEach(f -> f.completeExceptionally(closed));
      return null;
    }
  }

  /** Decodes the base64 image data of {@code Page.captureScreenshot}. */
  static byte[] png(JsonNode result) {
    return Base64.getDecoder().decode(result.get("data").asText());
  }
}
