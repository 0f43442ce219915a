package dev.fisherman.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.e2e.harness.DaemonProcess;
import dev.fisherman.e2e.harness.GenesisFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Feature: a daemon refuses to start on bad configuration")
class BadGenesisIT {

  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);

  /** What picocli prints when it did not understand the command line at all. */
  private static final String USAGE = "Usage: fisherman";

  @Test
  @DisplayName(
      "Given a genesis whose relay_timeout is \"2 seconds\", when the daemon starts, then it"
          + " exits 2 and says which field is wrong and what was expected")
  void badRelayTimeout(@TempDir Path dir) {
    Path genesis = GenesisFile.shortSessions().withRelayTimeout("2 seconds").writeTo(dir);
    int port = DaemonProcess.freePort();

    try (DaemonProcess daemon = start(dir, port, genesis.toString(), "127.0.0.1:" + port)) {
      OptionalInt code = daemon.awaitExit(EXIT_TIMEOUT);

      assertThat(code).as("exit code\n%s", daemon.describe()).hasValue(2);
      assertThat(daemon.log())
          .as("one line naming the field, its value and place, and what was expected")
          .containsPattern(
              "(?m)^params\\.qos\\.relay_timeout: \"2 seconds\" at \\d+:\\d+ \\(expected: a"
                  + " duration such as 500ms or 2s\\)$")
          .as("no stack trace for a user's mistake, no usage dump for a valid command line")
          .doesNotContain("\tat ")
          .doesNotContain(USAGE)
          .doesNotContain("Exception");
    }
  }

  @Test
  @DisplayName(
      "Given an admin address that is not loopback and no token, when the daemon starts, then"
          + " it exits 2 and says a token is needed")
  void publicAdminWithoutToken(@TempDir Path dir) {
    Path genesis = GenesisFile.shortSessions().writeTo(dir);
    int port = DaemonProcess.freePort();

    try (DaemonProcess daemon = start(dir, port, genesis.toString(), "0.0.0.0:" + port)) {
      OptionalInt code = daemon.awaitExit(EXIT_TIMEOUT);

      assertThat(code).as("exit code\n%s", daemon.describe()).hasValue(2);
      assertThat(daemon.log())
          .containsIgnoringCase("token")
          .doesNotContain("\tat ")
          .doesNotContain(USAGE);
    }
  }

  @Test
  @DisplayName(
      "Given a genesis path that does not exist, when the daemon starts, then it exits 2 and"
          + " names the path")
  void missingGenesis(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-genesis.json");
    int port = DaemonProcess.freePort();

    try (DaemonProcess daemon = start(dir, port, missing.toString(), "127.0.0.1:" + port)) {
      OptionalInt code = daemon.awaitExit(EXIT_TIMEOUT);

      assertThat(code).as("exit code\n%s", daemon.describe()).hasValue(2);
      assertThat(daemon.log())
          .contains(missing.toString())
          .doesNotContain("\tat ")
          .doesNotContain(USAGE);
    }
  }

  private static DaemonProcess start(Path dir, int port, String genesis, String admin) {
    return DaemonProcess.exec(
        dir,
        URI.create("http://127.0.0.1:" + port),
        List.of("run", "--genesis", genesis, "--admin", admin, "--source", "webhook"));
  }
}
