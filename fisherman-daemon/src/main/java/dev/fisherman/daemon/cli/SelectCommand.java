package dev.fisherman.daemon.cli;

import dev.fisherman.daemon.api.Selection;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fisherman select SERVICE [-n K]}: what a gateway would be handed, one line each. */
@Command(
    name = "select",
    mixinStandardHelpOptions = true,
    description =
        "Asks a running daemon for up to K servicers of SERVICE in reputation state ok, drawn at"
            + " random weighted by score (GET /v1/services/{service}/select): one line each with"
            + " address, URL and score.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:printed",
      "1:the admin port cannot be reached, the service is unknown or no servicer qualifies",
      "2:bad usage"
    })
final class SelectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SERVICE", description = "The service, e.g. eth.")
  String service;

  @Option(
      names = "-n",
      paramLabel = "K",
      description = "How many distinct servicers at most, 1 to 100 (default: 1).")
  int n = 1;

  @Option(
      names = "--admin",
      paramLabel = "URL",
      description = "The daemon's admin URL (default: http://127.0.0.1:8081).")
  URI admin = URI.create("http://127.0.0.1:8081");

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (n < 1 || n > 100) {
      err.println("-n: " + n + " (expected: from 1 to 100)");
      return 2;
    }
    URI uri =
        admin.resolve(
            "/v1/services/"
                + URLEncoder.encode(service, StandardCharsets.UTF_8).replace("+", "%20")
                + "/select?n="
                + n);
    HttpResponse<String> response;
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      err.println("select: cannot reach the admin port at " + admin + " (connection refused)");
      return 1;
    } catch (IOException e) {
      err.println("select: cannot reach the admin port at " + admin + " (" + e + ")");
      return 1;
    }
    try {
      if (response.statusCode() != 200) {
        String error =
            Wire.reader(com.fasterxml.jackson.databind.JsonNode.class)
                .<com.fasterxml.jackson.databind.JsonNode>readValue(response.body())
                .path("error")
                .asText("HTTP " + response.statusCode());
        err.println("select: " + error);
        return 1;
      }
      Selection s = Wire.reader(Selection.class).readValue(response.body());
      for (Selection.Entry e : s.servicers()) {
        out.println(e.address() + "  " + e.url() + "  score " + e.score());
      }
      return 0;
    } catch (IOException e) {
      err.println("select: " + uri + " answered " + response.statusCode() + " with no JSON");
      return 1;
    }
  }
}
