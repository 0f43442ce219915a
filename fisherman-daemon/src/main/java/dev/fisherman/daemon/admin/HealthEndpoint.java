package dev.fisherman.daemon.admin;

import dev.fisherman.daemon.api.Health;
import dev.fisherman.daemon.api.Readiness;
import dev.fisherman.daemon.health.CheckResult;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /healthz} (the process answers) and {@code /readyz} (every component checks ok). */
final class HealthEndpoint {
  private final Supplier<Map<String, CheckResult>> readiness;

  HealthEndpoint(Supplier<Map<String, CheckResult>> readiness) {
    this.readiness = readiness;
  }

  AdminResponse health(AdminRequest request) {
    return AdminResponse.ok(Health.UP);
  }

  AdminResponse ready(AdminRequest request) {
    Readiness now = readiness();
    return AdminResponse.json(
        now.ready() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, now);
  }

  /** Ready when there are checks and every one is ok. */
  Readiness readiness() {
    Map<String, CheckResult> checks = readiness.get();
    boolean ready = !checks.isEmpty() && checks.values().stream().allMatch(CheckResult::ok);
    Map<String, String> details = new LinkedHashMap<>();
    checks.forEach((name, result) -> details.put(name, result.detail()));
    return new Readiness(ready ? "ready" : "not_ready", details);
  }
}
