package dev.fisherman.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.FishermanDaemon;
import dev.fisherman.e2e.harness.ServicerFarm;
import dev.fisherman.e2e.harness.SessionEvent;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Feature: Prometheus sees what the fisherman sees")
class MetricsIT {

  /** One sample of the probes counter: {@code fisherman_probes_total{...,outcome="x",...} 12}. */
  private static final Pattern PROBES_SAMPLE =
      Pattern.compile("^fisherman_probes_total\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);

  private static final Pattern FAMILY = Pattern.compile("^# (HELP|TYPE) (\\S+)", Pattern.MULTILINE);

  @RegisterExtension static final FishermanDaemon fisherman = FishermanDaemon.shared();
  @RegisterExtension static final ServicerFarm farm = new ServicerFarm();

  @Test
  @DisplayName(
      "Given a session with a servicer that refuses connections, when it ends, then"
          + " fisherman_probes_total for service eth and outcome refused grew by its probes")
  void refusedProbesCounted() {
    AdminClient admin = fisherman.client();
    double before = refusedProbes(admin.metrics());
    SessionEvent session =
        SessionEvent.named("metrics", Scenario.SESSION).with("down", farm.refusedUrl());

    assertThat(admin.postSession(session).status()).isEqualTo(202);
    admin.awaitSettled(session.sessionId(), Scenario.SETTLE);
    double after = refusedProbes(admin.metrics());

    assertThat(after - before)
        .as("growth of fisherman_probes_total{service=\"eth\",outcome=\"refused\"}")
        .isGreaterThanOrEqualTo(Scenario.ROUNDS);
  }

  @Test
  @DisplayName(
      "Given a running daemon, when /metrics is scraped, then every metric family has help text")
  void everyFamilyHasHelp() {
    String exposition = fisherman.client().metrics();

    Set<String> typed = new TreeSet<>();
    Set<String> helped = new TreeSet<>();
    Matcher m = FAMILY.matcher(exposition);
    while (m.find()) {
      (m.group(1).equals("TYPE") ? typed : helped).add(m.group(2));
    }
    assertThat(typed).as("metric families").isNotEmpty();
    assertThat(helped).as("families with # HELP").containsAll(typed);
    assertThat(exposition)
        .as("help lines are not empty")
        .doesNotContainPattern("(?m)^# HELP \\S+ ?$");
  }

  private static double refusedProbes(String exposition) {
    double sum = 0;
    Matcher m = PROBES_SAMPLE.matcher(exposition);
    while (m.find()) {
      String labels = m.group(1);
      if (labels.contains("service=\"eth\"") && labels.contains("outcome=\"refused\"")) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }
}
