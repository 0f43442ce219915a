package dev.fisherman.daemon.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The admin port's own meter: requests by route and status. */
final class AdminMetrics {
  /** Meter name: admin HTTP requests answered. */
  static final String REQUESTS = "fisherman.admin.requests";

  private final MeterRegistry registry;

  AdminMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Records one answered request; {@code route} is one of the fixed route names, {@code unmatched}
   * or {@code rejected}, so the tag set stays small.
   */
  void record(String route, int status, long nanos) {
    Timer.builder(REQUESTS)
        .description("Admin HTTP requests answered, by route and status code")
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }
}
