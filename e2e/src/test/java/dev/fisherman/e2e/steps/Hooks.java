package dev.fisherman.e2e.steps;

import dev.fisherman.e2e.harness.FishermanDaemon;
import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.ParameterType;
import io.cucumber.java.Scenario;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/** Per-scenario clean-up, the shared daemon's stop, and the step parameter types. */
public final class Hooks {

  private final World world;
  private Lock lane;

  public Hooks(World world) {
    this.world = world;
  }

  /** What a servicer does: {@code is available}, {@code refuses connections}, and so on. */
  @ParameterType(name = "servicer kind", value = ServicerKind.PHRASES)
  public ServicerKind servicerKind(String phrase) {
    return ServicerKind.parse(phrase);
  }

  /** Outcome classes joined by commas or "or": {@code ok, timeout_response or cancelled}. */
  @ParameterType(name = "outcomes", value = "[a-z_]+(?:(?:, | or )[a-z_]+)*")
  public Set<String> outcomes(String list) {
    return new LinkedHashSet<>(Arrays.asList(list.split(", | or ")));
  }

  /** Waits until the scenario may run beside those already running; see {@link Lanes}. */
  @Before(order = 0)
  public void enterLane(Scenario scenario) {
    lane = Lanes.enter(scenario.getSourceTagNames());
  }

  /** After hooks run highest order first: this one last, once everything is stopped. */
  @After(order = 0)
  public void leaveLane() {
    if (lane != null) {
      lane.unlock();
    }
  }

  /** On failure, the end of the daemon's log goes into the report beside the failed step. */
  @After(order = 100)
  public void describeDaemonOnFailure(Scenario scenario) {
    if (scenario.isFailed()) {
      String described =
          world.process != null ? world.process.describe() : world.daemon().process().describe();
      scenario.log(described);
      System.err.println(
          "Scenario \"" + scenario.getName() + "\" failed; the daemon:\n" + described);
    }
  }

  @After(order = 10)
  public void close() throws Exception {
    world.close();
  }

  @AfterAll
  public static void stopSharedDaemon() {
    FishermanDaemon.stopShared();
  }
}
