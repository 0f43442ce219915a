package dev.fisherman.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.e2e.harness.DaemonProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Feature: a daemon whose JVM runs out of memory exits instead of limping on")
class OutOfMemoryIT {
  /** bin/fisherman of the source tree the packaged jar was built in. */
  private static Path launcher() {
    Path root = DaemonProcess.jar().toAbsolutePath().getParent().getParent().getParent();
    return root.resolve("bin").resolve("fisherman");
  }

  private static Process launch(Path dir, String javaOpts, List<String> args) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
                java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(launcher().toString()), args.stream())
                    .toList())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().put("FISHERMAN_JAVA_OPTS", javaOpts);
    // The launcher picks the JDK the tests run on.
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return pb.start();
  }

  private static String body(String id) {
    StringBuilder b =
        new StringBuilder("{\"session_id\":\"" + id + "\",\"service\":\"eth\",")
            .append("\"duration\":\"60s\",\"servicers\":[");
    for (int k = 0; k < 9_000; k++) {
      b.append(k == 0 ? "" : ",")
          .append("{\"address\":\"a")
          .append(k)
          .append("\",\"url\":\"http://127.0.0.1:")
          .append(1 + k)
          .append("\"}");
    }
    return b.append("]}").toString();
  }

  @Test
  @DisplayName("Given the launcher, then the JVM it starts has ExitOnOutOfMemoryError on")
  void launcherTurnsTheFlagOn(@TempDir Path dir) throws Exception {
    Process p = launch(dir, "-XX:+PrintFlagsFinal", List.of("--version"));

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher to exit").isTrue();
    assertThat(Files.readString(dir.resolve("out.log")))
        .containsPattern("bool ExitOnOutOfMemoryError\\s+= true");
  }

  @Test
  @DisplayName(
      "Given a daemon on a 10 MiB heap, when concurrent session bodies of 9,000 servicers exhaust"
          + " it, then the process exits with code 3 instead of staying up unable to answer or"
          + " to stop")
  void outOfMemoryExits(@TempDir Path dir) throws Exception {
    Path genesis = dir.resolve("genesis.json");
    Files.copy(
        DaemonProcess.jar()
            .toAbsolutePath()
            .getParent()
            .getParent()
            .getParent()
            .resolve("genesis/examples/localnet.json"),
        genesis);
    int port = DaemonProcess.freePort();
    Process p =
        launch(
            dir,
            "-Xmx10m",
            List.of(
                "run", "--genesis=" + genesis, "--source=webhook", "--admin=127.0.0.1:" + port));

    // Hostile but valid load: each body is about 480 KB, parsed whole before admission refuses it.
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int batch = 0;
    while (p.isAlive() && System.nanoTime() - deadline < 0) {
      List<CompletableFuture<?>> sent = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        sent.add(
            http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/sessions"))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body("s-" + batch + "-" + i)))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .exceptionally(e -> null));
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
      batch++;
    }
    boolean exited = p.waitFor(10, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly();
    }
    String out = Files.readString(dir.resolve("out.log"));
    assertThat(exited).as("the daemon to exit; it printed:%n%s", out).isTrue();
    assertThat(p.exitValue()).as(out).isEqualTo(3);
    assertThat(out).contains("Terminating due to java.lang.OutOfMemoryError");
  }
}
