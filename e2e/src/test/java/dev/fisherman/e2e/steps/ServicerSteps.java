package dev.fisherman.e2e.steps;

import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.Failure;
import dev.fisherman.testkit.proxy.FaultProxy;
import dev.fisherman.testkit.proxy.Toxics;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import java.time.Duration;

/** Servicers a scenario probes, and what they start doing while a session runs. */
public final class ServicerSteps {

  private final World world;

  public ServicerSteps(World world) {
    this.world = world;
  }

  @Given("a servicer {string} that {servicer kind}")
  public void aServicer(String name, ServicerKind kind) {
    world.addServicer(name, kind);
  }

  /** Servicers named {@code <group>-1} to {@code <group>-<count>}. */
  @Given("{int} servicers {string} that {servicer kind}")
  public void servicers(int count, String group, ServicerKind kind) {
    world.addGroup(group, count, kind);
  }

  @When("servicer {string} starts failing every request with http status {int}")
  public void startsFailing(String name, int status) {
    world.servicer(name).sim().behave(Behaviour.always(Failure.HTTP_STATUS).withHttpStatus(status));
  }

  @When("servicer {string} recovers")
  public void recovers(String name) {
    world.servicer(name).sim().behave(Behaviour.healthy());
  }

  @When("the proxy in front of servicer {string} starts delaying answers by {int} ms")
  public void proxyStartsDelaying(String name, int millis) {
    FaultProxy proxy =
        world
            .servicer(name)
            .proxy()
            .orElseThrow(() -> new IllegalStateException("servicer " + name + " has no proxy"));
    proxy.toxics(Toxics.latency(Duration.ofMillis(millis)));
  }
}
