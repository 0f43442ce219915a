package dev.fisherman.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisherman.daemon.api.Session;
import dev.fisherman.daemon.api.SessionSummary;
import dev.fisherman.daemon.api.Sessions;
import dev.fisherman.daemon.api.Standing;
import dev.fisherman.daemon.api.Wire;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fisherman qos}: the QoS table of a running daemon, read from its admin port. */
@Command(
    name = "qos",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the QoS table of a running daemon: one line per servicer with probes,"
          + " availability, p50, p99 and verdicts.",
      "Without --session it shows the newest session whose servicers all have a verdict (or"
          + " the newest session when none has yet)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:printed (or no session yet)",
      "1:the admin port cannot be reached or the session is unknown",
      "2:bad usage"
    })
final class QosCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(
      names = "--admin",
      paramLabel = "URL",
      description = "The daemon's admin URL (default: http://127.0.0.1:8081).")
  URI admin = URI.create("http://127.0.0.1:8081");

  @Option(names = "--session", paramLabel = "ID", description = "Show this session.")
  String session;

  @Option(names = "--json", description = "Print the session's JSON instead of the table.")
  boolean json;

  @Option(
      names = "--watch",
      description =
          "Print again every --interval until interrupted; on a terminal the table is redrawn in"
              + " place. Verdicts are coloured on a terminal unless NO_COLOR is set.")
  boolean watch;

  @Option(
      names = "--interval",
      paramLabel = "SECONDS",
      description = "Seconds between prints with --watch (default: 2).")
  int intervalSeconds = 2;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "With --watch, stop after N prints (default: until interrupted).")
  Integer count;

  /** Where the output goes: redrawn and coloured on a terminal, plain elsewhere. */
  Terminal terminal = Terminal.detect();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** A failure worth one line to the user and exit code 1. */
  static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreachable(String message) {
      super(message);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    if (intervalSeconds < 1) {
      spec.commandLine().getErr().println("--interval: " + intervalSeconds + " (expected: >= 1)");
      return 2;
    }
    if (count != null && count < 1) {
      spec.commandLine().getErr().println("--count: " + count + " (expected: >= 1)");
      return 2;
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!watch) {
      try {
        out.print(once());
        out.flush();
        return 0;
      } catch (Unreachable e) {
        err.println(e.getMessage());
        err.flush();
        return 1;
      }
    }
    for (int printed = 1; ; printed++) {
      try {
        out.print(terminal.frame(once()));
      } catch (Unreachable e) {
        if (terminal.redraw()) {
          // On a redrawn screen the message replaces the table until the port answers again.
          out.print(terminal.frame(e.getMessage()));
        } else {
          err.println(e.getMessage());
          err.flush();
        }
      }
      out.flush();
      if (count != null && printed >= count) {
        return 0;
      }
      Thread.sleep(Duration.ofSeconds(intervalSeconds));
    }
  }

  /** One print: the table (or JSON) of the chosen session. */
  String once() throws Unreachable, InterruptedException {
    Optional<JsonNode> chosen;
    if (session != null) {
      chosen = Optional.of(get(sessionPath(session)));
    } else {
      chosen = pick();
    }
    if (chosen.isEmpty()) {
      return "no sessions yet at " + admin + "\n";
    }
    if (json) {
      return chosen.get().toPrettyString() + "\n";
    }
    Session shown = read(chosen.get(), Session.class);
    Map<String, Optional<Standing>> standings = standings(shown);
    return QosTable.render(
        QosTable.from(shown, a -> standings.getOrDefault(a, Optional.empty())), terminal.colour());
  }

  /**
   * The reputation of each servicer of {@code session}: from the service's ranking (one request for
   * every servicer of its active sessions), then {@code /v1/servicers/{address}} for those the
   * ranking does not list (a servicer of an ended session only).
   */
  private static final int RANKING_LIMIT = 10_000;

  private Map<String, Optional<Standing>> standings(Session session)
      throws Unreachable, InterruptedException {
    Map<String, Optional<Standing>> out = new HashMap<>();
    // As many of each list as a session may have servicers, so every servicer of it is there.
    JsonNode ranking =
        get("/v1/services/" + segment(session.service()) + "/ranking?limit=" + RANKING_LIMIT);
    for (String list : List.of("servicers", "excluded")) {
      for (JsonNode e : ranking.path(list)) {
        out.put(e.path("address").asText(), standing(e.path("reputation")));
      }
    }
    for (var s : session.servicers()) {
      if (!out.containsKey(s.address())) {
        out.put(
            s.address(), standing(get("/v1/servicers/" + segment(s.address())).path("reputation")));
      }
    }
    return out;
  }

  private static Optional<Standing> standing(JsonNode reputation) {
    return reputation.isObject()
        ? Optional.of(
            new Standing(reputation.path("state").asText(), reputation.path("score").asInt()))
        : Optional.empty();
  }

  private Optional<JsonNode> pick() throws Unreachable, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (JsonNode s : get("/v1/sessions")) {
      ids.add(read(s, SessionSummary.class).sessionId());
    }
    Map<String, JsonNode> bodies = new HashMap<>();
    Optional<Session> chosen =
        Sessions.newestJudged(
            ids,
            id -> {
              JsonNode body = getUninterrupted(sessionPath(id));
              bodies.put(id, body);
              return Optional.of(read(body, Session.class));
            },
            3);
    return chosen.map(s -> bodies.get(s.sessionId()));
  }

  private JsonNode getUninterrupted(String path) throws Unreachable {
    try {
      return get(path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("qos: interrupted");
    }
  }

  private static String sessionPath(String id) {
    return "/v1/sessions/" + segment(id);
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private <T> T read(JsonNode body, Class<T> type) throws Unreachable {
    try {
      return Wire.reader(type).readValue(body);
    } catch (IOException | IllegalArgumentException e) {
      throw new Unreachable("qos: unexpected answer from " + admin + " (" + e.getMessage() + ")");
    }
  }

  private JsonNode get(String path) throws Unreachable, InterruptedException {
    URI uri = admin.resolve(path);
    HttpResponse<String> response;
    try {
      response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new Unreachable(
          "qos: cannot reach the admin port at " + admin + " (connection refused)");
    } catch (IOException e) {
      throw new Unreachable("qos: cannot reach the admin port at " + admin + " (" + e + ")");
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new Unreachable("qos: " + uri + " answered " + response.statusCode() + " with no JSON");
    }
    if (response.statusCode() != 200) {
      throw new Unreachable("qos: " + body.path("error").asText("HTTP " + response.statusCode()));
    }
    return body;
  }
}
