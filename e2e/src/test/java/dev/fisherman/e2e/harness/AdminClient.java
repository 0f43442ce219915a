package dev.fisherman.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisherman.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** Talks to a daemon's admin port the way an operator's script would: plain HTTP and JSON. */
public final class AdminClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;
  private final Optional<String> token;

  AdminClient(URI base) {
    this(base, Optional.empty());
  }

  private AdminClient(URI base, Optional<String> token) {
    this.base = base;
    this.token = token;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
  }

  /** A client of the admin port at {@code base}, e.g. a daemon in a container. */
  public static AdminClient at(URI base) {
    return new AdminClient(base);
  }

  /** This client sending {@code Authorization: Bearer <token>} on writes. */
  public AdminClient withToken(String token) {
    return new AdminClient(base, Optional.of(token));
  }

  /** One HTTP answer: status, body text, and the body as JSON when it is JSON. */
  public record Response(int status, String body) {
    /** The body parsed as JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }
  }

  /** {@code GET path}. */
  public Response get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  /** {@code POST path} with a JSON body. */
  public Response post(String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return send(request);
  }

  /** Pushes a session through the webhook ({@code POST /v1/sessions}). */
  public Response postSession(SessionEvent event) {
    return post("/v1/sessions", event.json());
  }

  /** {@code GET /v1/sessions/{id}}, empty on 404. */
  public Optional<SessionView> session(String id) {
    Response response = get("/v1/sessions/" + encode(id));
    if (response.status() == 404) {
      return Optional.empty();
    }
    if (response.status() != 200) {
      throw new AssertionError("GET session " + id + ": " + response);
    }
    return Optional.of(SessionView.of(response.json()));
  }

  /** {@code GET /metrics} as text. */
  public String metrics() {
    Response response = get("/metrics");
    if (response.status() != 200) {
      throw new AssertionError("GET /metrics: " + response);
    }
    return response.body();
  }

  /**
   * Waits until the session has ended and every servicer's probes add up to the planned rounds,
   * which the daemon promises once in-flight probes are decided. When that does not happen in
   * {@code timeout}, returns the last view anyway so the scenario's assertions say what is off.
   */
  public SessionView awaitSettled(String id, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Optional<SessionView> last = Optional.empty();
    while (System.nanoTime() - deadline < 0) {
      last = session(id);
      if (last.isPresent() && last.get().settled()) {
        return last.get();
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    return last.orElseThrow(
        () -> new AssertionError("session " + id + " never appeared in GET /v1/sessions/{id}"));
  }

  /** Waits until at least {@code rounds} rounds of the session are done. */
  public SessionView awaitRounds(String id, int rounds, Duration timeout) {
    return await(id, rounds + " rounds done", timeout, s -> s.roundsDone() >= rounds);
  }

  /** Waits until {@code servicer} of the session has at least {@code count} ok probes. */
  public SessionView awaitOk(String id, String servicer, int count, Duration timeout) {
    return await(
        id,
        count + " ok probes of " + servicer,
        timeout,
        s -> s.find(servicer).filter(v -> v.outcome("ok") >= count).isPresent());
  }

  /** Waits until the session's view meets {@code condition}. */
  public SessionView await(
      String id, String what, Duration timeout, Predicate<SessionView> condition) {
    return Poll.until(what + " in session " + id, timeout, () -> session(id).filter(condition));
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
