package dev.fisherman.daemon.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisherman.daemon.CheckResult;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /healthz} (the process answers) and {@code /readyz} (every component checks ok). */
final class HealthEndpoint {
  private final Supplier<Map<String, CheckResult>> readiness;

  HealthEndpoint(Supplier<Map<String, CheckResult>> readiness) {
    this.readiness = readiness;
  }

  AdminResponse health(AdminRequest request) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("status", "up");
    return AdminResponse.ok(body);
  }

  AdminResponse ready(AdminRequest request) {
    Map<String, CheckResult> checks = readiness.get();
    boolean ready = !checks.isEmpty() && checks.values().stream().allMatch(CheckResult::ok);
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("status", ready ? "ready" : "not_ready");
    ObjectNode c = body.putObject("checks");
    checks.forEach((name, result) -> c.put(name, result.detail()));
    return AdminResponse.json(
        ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
  }
}
