package dev.fisherman.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.daemon.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The alert rules in docs/prometheus pass {@code promtool check rules} and their unit tests. */
class PrometheusRulesIT {
  private static final Path DIR = Path.of("..", "docs", "prometheus");

  @Test
  void checkRules_rulesFileIsValid() throws Exception {
    String output = promtool("check", "rules", "fisherman-rules.yml");
    assertThat(output).contains("SUCCESS: 12 rules found");
  }

  @Test
  void testRules_everyAlertFiresWhenExpectedAndOnlyThen() throws Exception {
    String output = promtool("test", "rules", "fisherman-rules.test.yml");
    assertThat(output).contains("SUCCESS");
  }

  private static String promtool(String... args) throws IOException, InterruptedException {
    Path promtool = Tools.require("promtool", "prometheus");
    List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(p.exitValue()).as("promtool %s exit code; output:%n%s", args, output).isZero();
    return output;
  }
}
