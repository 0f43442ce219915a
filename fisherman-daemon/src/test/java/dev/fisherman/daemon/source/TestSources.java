package dev.fisherman.daemon.source;

import dev.fisherman.daemon.metrics.DaemonMeters;
import io.micrometer.core.instrument.MeterRegistry;

/** Sources for tests outside this package, which cannot see the package-private types. */
public final class TestSources {
  private TestSources() {}

  /** A started webhook source feeding {@code sink}, as the admin port's session intake. */
  public static SessionIntake startedWebhook(
      SessionEventParser parser, MeterRegistry registry, SessionSink sink) {
    WebhookSource source = new WebhookSource(parser, new DaemonMeters(registry));
    source.start(sink);
    return source;
  }
}
