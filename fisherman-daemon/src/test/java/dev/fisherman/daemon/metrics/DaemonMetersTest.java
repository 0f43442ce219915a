package dev.fisherman.daemon.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final DaemonMeters meters = new DaemonMeters(registry);

  private Timer timer(String route, String status) {
    return registry
        .get(DaemonMeters.ADMIN_REQUESTS)
        .tag("route", route)
        .tag("status", status)
        .timer();
  }

  @Test
  void adminRequest_countsEachRouteAndStatusOnItsOwn_anyStatusCodeIncluded() {
    meters.adminRequest("select", 200, 1_000);
    meters.adminRequest("select", 200, 3_000);
    meters.adminRequest("select", 503, 2_000);
    meters.adminRequest("healthz", 200, 5_000);
    meters.adminRequest("rejected", 1000, 7_000);
    meters.adminRequest("rejected", 1000, 7_000);
    meters.adminRequest("rejected", -1, 9_000);

    assertThat(timer("select", "200").count()).isEqualTo(2);
    assertThat(timer("select", "200").totalTime(TimeUnit.NANOSECONDS)).isEqualTo(4_000);
    assertThat(timer("select", "503").count()).isEqualTo(1);
    assertThat(timer("healthz", "200").count()).isEqualTo(1);
    assertThat(timer("rejected", "1000").count()).isEqualTo(2);
    assertThat(timer("rejected", "-1").count()).isEqualTo(1);
    assertThat(registry.find(DaemonMeters.ADMIN_REQUESTS).timers()).hasSize(5);
  }
}
