package dev.fisherman.daemon.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Checks a Prometheus text exposition the way Prometheus tooling would. */
public final class Exposition {
  private Exposition() {}

  /**
   * Asserts that every family has non-empty help, every sample line is well formed and that {@code
   * promtool check metrics} reports nothing. Without promtool the last check fails in CI and is
   * announced as not checked elsewhere ({@link Tools#optional}).
   *
   * @return the family names, in order
   */
  public static List<String> assertClean(String text) throws IOException, InterruptedException {
    Map<String, String> help = new LinkedHashMap<>();
    List<String> families = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# HELP ")) {
        String[] parts = line.substring(7).split(" ", 2);
        help.put(parts[0], parts.length > 1 ? parts[1] : "");
      } else if (line.startsWith("# TYPE ")) {
        families.add(line.substring(7).split(" ", 2)[0]);
      } else if (!line.isEmpty()) {
        assertThat(line).as("sample line").matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})? \\S+");
      }
    }
    assertThat(families).isNotEmpty();
    for (String family : families) {
      assertThat(help).as("HELP of " + family).containsKey(family);
      assertThat(help.get(family).strip()).as("HELP of " + family).isNotEmpty();
    }
    Optional<Path> promtool = Tools.optional("promtool", "prometheus");
    if (promtool.isPresent()) {
      Process p =
          new ProcessBuilder(promtool.get().toString(), "check", "metrics")
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(output).as("promtool check metrics").isEmpty();
      assertThat(p.exitValue()).as("promtool exit code").isZero();
    }
    return families;
  }
}
