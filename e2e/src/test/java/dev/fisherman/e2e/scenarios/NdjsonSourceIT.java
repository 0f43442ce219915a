package dev.fisherman.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.daemon.sim.Behaviour;
import dev.fisherman.daemon.sim.SimulatedServicer;
import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.FishermanDaemon;
import dev.fisherman.e2e.harness.GenesisFile;
import dev.fisherman.e2e.harness.Poll;
import dev.fisherman.e2e.harness.ServicerFarm;
import dev.fisherman.e2e.harness.SessionEvent;
import dev.fisherman.e2e.harness.SessionView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Feature: sessions arrive as ndjson lines from a followed file")
class NdjsonSourceIT {

  @RegisterExtension
  static final FishermanDaemon fisherman =
      FishermanDaemon.own(GenesisFile.shortSessions(), "ndjson:sessions.ndjson");

  @RegisterExtension static final ServicerFarm farm = new ServicerFarm();

  private static final Pattern LINE_2 = Pattern.compile("\\bline\\W{0,2}2\\b");

  @Test
  @DisplayName(
      "Given a daemon following a session file, when lines are appended with a bad one in the"
          + " middle, then the good sessions are probed and the bad line is logged with its"
          + " number and skipped")
  void appendedLines() throws IOException {
    SimulatedServicer servicer = farm.servicer(Behaviour.healthy());
    SessionEvent first =
        SessionEvent.named("ndjson-first", Scenario.SESSION).with("first", servicer.url());
    SessionEvent third =
        SessionEvent.named("ndjson-third", Scenario.SESSION).with("third", servicer.url());
    Path file = fisherman.dir().resolve("sessions.ndjson");
    AdminClient admin = fisherman.client();

    append(file, first.json() + "\n");
    admin.await(first.sessionId(), "the first line's session", Duration.ofSeconds(5), s -> true);
    append(file, "{\"session_id\": this is not json\n" + third.json() + "\n");
    SessionView firstView = admin.awaitSettled(first.sessionId(), Scenario.SETTLE);
    SessionView thirdView = admin.awaitSettled(third.sessionId(), Scenario.SETTLE);

    assertThat(firstView.servicer("first").available()).isEqualTo("yes");
    assertThat(thirdView.servicer("third").available()).isEqualTo("yes");
    assertThat(thirdView.servicer("third").outcome("ok")).isEqualTo(Scenario.ROUNDS);
    String line2 =
        Poll.until(
            "the daemon log to name line 2",
            Duration.ofSeconds(5),
            () ->
                fisherman
                    .process()
                    .log()
                    .lines()
                    .filter(l -> LINE_2.matcher(l).find())
                    .findFirst());
    assertThat(line2).as("log line about the bad input").isNotBlank();
    assertThat(admin.get("/v1/sessions").json().findValuesAsText("session_id"))
        .as("sessions listed")
        .containsExactlyInAnyOrder(first.sessionId(), third.sessionId());
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardOpenOption.APPEND);
  }
}
