package dev.fisherman.daemon.cli;

import dev.fisherman.daemon.Daemon;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fisherman health}: asks a running daemon's {@code /readyz}; for container health checks,
 * which then need no curl in the image.
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = {"Exits 0 when the daemon's /readyz answers 200, 1 otherwise."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ready", "1:not ready or not answering", "2:bad usage"})
final class HealthCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--admin",
      paramLabel = "HOST:PORT",
      converter = HostPort.class,
      description = "The daemon's admin address (default: 127.0.0.1:8081).")
  InetSocketAddress admin = Daemon.DEFAULT_ADMIN;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "How long to wait for the answer, ISO-8601 or seconds (default: 3 s).")
  String timeout = "3";

  @Override
  public Integer call() throws InterruptedException {
    Duration limit;
    try {
      limit =
          timeout.startsWith("P")
              ? Duration.parse(timeout)
              : Duration.ofSeconds(Long.parseLong(timeout));
    } catch (RuntimeException e) {
      spec.commandLine()
          .getErr()
          .println("--timeout: \"" + timeout + "\" (expected: seconds or PT3S)");
      return 2;
    }
    URI uri = URI.create("http://" + admin.getHostString() + ":" + admin.getPort() + "/readyz");
    HttpClient client = HttpClient.newBuilder().connectTimeout(limit).build();
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(uri).timeout(limit).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      spec.commandLine().getOut().println(r.statusCode() + " " + r.body().strip());
      return r.statusCode() == 200 ? 0 : 1;
    } catch (IOException e) {
      spec.commandLine().getErr().println(uri + ": " + e.getMessage());
      return 1;
    } finally {
      client.close();
    }
  }
}
