package dev.fisherman.daemon.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;

/** {@code GET /metrics}: the Prometheus text exposition of every registered meter. */
final class MetricsEndpoint {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  MetricsEndpoint(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  AdminResponse scrape(AdminRequest request) {
    return AdminResponse.text(HttpResponseStatus.OK, CONTENT_TYPE, registry.scrape());
  }
}
