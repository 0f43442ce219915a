package dev.fisherman.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk} with a Lua script that POSTs the same JSON-RPC body a probe sends. */
final class Wrk {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  /**
   * @param requestsPerSecond what wrk reported
   * @param non2xx responses that were not 2xx (should be 0)
   */
  record Result(double requestsPerSecond, long non2xx) {}

  private final Path script;

  Wrk(Path dir, String body) throws IOException {
    this.script = dir.resolve("jsonrpc-post.lua");
    Files.writeString(
        script,
        """
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        wrk.body = '%s'
        """
            .formatted(body),
        StandardCharsets.UTF_8);
  }

  /** The command line, as it appears in docs/benchmarks.md. */
  List<String> command(int threads, int connections, Duration length, String url) {
    return List.of(
        "wrk",
        "-t" + threads,
        "-c" + connections,
        "-d" + length.toSeconds() + "s",
        "-s",
        script.toString(),
        url);
  }

  Result run(int threads, int connections, Duration length, String url) {
    try {
      Process p =
          new ProcessBuilder(command(threads, connections, length, url))
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = p.waitFor();
      Matcher m = RATE.matcher(out);
      if (code != 0 || !m.find()) {
        throw new IllegalStateException("wrk failed (exit " + code + "):\n" + out);
      }
      Matcher e = ERRORS.matcher(out);
      return new Result(Double.parseDouble(m.group(1)), e.find() ? Long.parseLong(e.group(1)) : 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run wrk (is it installed?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
