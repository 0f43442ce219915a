package dev.fisherman.daemon.source;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Counts what sources did with the events they read, by source kind and result. */
public final class SourceMetrics {
  /** Meter name: session events read by sources. */
  public static final String EVENTS = "fisherman.source.events";

  /** What happened to one event. */
  public enum Result {
    /** The engine took a new session. */
    ACCEPTED,
    /** The engine already knew the session id. */
    DUPLICATE,
    /** The event did not parse or validate. */
    INVALID,
    /** The engine refused the session (closed, or rejected it). */
    REFUSED;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public SourceMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Counts one event of source kind {@code kind} ({@code localnet}, {@code webhook}, ...). */
  public void record(String kind, Result result) {
    counters
        .computeIfAbsent(
            kind + "/" + result.tag(),
            k ->
                Counter.builder(EVENTS)
                    .description("Session events read by a session source, by source and result")
                    .tag("source", kind)
                    .tag("result", result.tag())
                    .register(registry))
        .increment();
  }
}
