package dev.fisherman.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.daemon.sim.Behaviour;
import dev.fisherman.daemon.sim.SimulatedServicer;
import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.DaemonProcess;
import dev.fisherman.e2e.harness.GenesisFile;
import dev.fisherman.e2e.harness.ServicerFarm;
import dev.fisherman.e2e.harness.SessionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Feature: SIGTERM stops the daemon cleanly in the middle of a session")
class ShutdownIT {

  /** The relay timeout of the genesis plus room for closing the admin port and the JVM exit. */
  private static final Duration GRACE = Scenario.RELAY_TIMEOUT.plus(Duration.ofSeconds(4));

  private static final Pattern ACCOUNTING =
      Pattern.compile(
          "planned\\W{0,3}(\\d+).*?recorded\\W{0,3}(\\d+).*?cancelled\\W{0,3}(\\d+)",
          Pattern.CASE_INSENSITIVE);

  @RegisterExtension static final ServicerFarm farm = new ServicerFarm();

  @Test
  @DisplayName(
      "Given a daemon probing a long session with slow servicers, when it gets SIGTERM, then it"
          + " exits 0 within the grace period and logs planned = recorded + cancelled")
  void sigtermMidSession(@TempDir Path dir) throws Exception {
    Path genesis = GenesisFile.shortSessions().writeTo(dir);
    SimulatedServicer slow = farm.servicer(Behaviour.slow(Duration.ofMillis(600)));
    SimulatedServicer fast = farm.servicer(Behaviour.healthy());
    try (DaemonProcess daemon = DaemonProcess.run(dir, genesis, "webhook")) {
      AdminClient admin = daemon.client();
      SessionEvent session =
          SessionEvent.named("interrupted", "20s")
              .with("slow", slow.url())
              .with("fast", fast.url());
      assertThat(admin.postSession(session).status()).isEqualTo(202);
      admin.awaitRounds(session.sessionId(), 3, Duration.ofSeconds(15));

      long sent = System.nanoTime();
      daemon.terminate();
      OptionalInt code = daemon.awaitExit(GRACE.plus(Duration.ofSeconds(5)));
      Duration took = Duration.ofNanos(System.nanoTime() - sent);

      String log = daemon.log();
      assertThat(code).as("exit code after SIGTERM\n%s", daemon.describe()).hasValue(0);
      assertThat(took).as("time from SIGTERM to exit").isLessThanOrEqualTo(GRACE);
      Matcher accounting = ACCOUNTING.matcher(log);
      assertThat(accounting.find())
          .as("the log reports planned, recorded and cancelled probes:\n%s", log)
          .isTrue();
      long planned = Long.parseLong(accounting.group(1));
      long recorded = Long.parseLong(accounting.group(2));
      long cancelled = Long.parseLong(accounting.group(3));
      assertThat(planned)
          .as("planned = recorded + cancelled in \"%s\"", accounting.group())
          .isEqualTo(recorded + cancelled)
          .isPositive();
      assertThat(recorded).as("probes recorded before the stop").isGreaterThanOrEqualTo(6);
      assertThat(Files.exists(dir.resolve("daemon.log"))).isTrue();
    }
  }
}
