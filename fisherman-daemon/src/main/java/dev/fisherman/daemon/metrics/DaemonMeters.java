package dev.fisherman.daemon.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Every meter the daemon module names, with its help text, in one place: what sources did with the
 * events they read, the admin port's requests, and the help text Micrometer's Netty binders leave
 * out. Engine meters are named in fisherman-core.
 */
public final class DaemonMeters {
  /** Meter name: session events read by sources, by source kind and {@link SourceResult}. */
  public static final String SOURCE_EVENTS = "fisherman.source.events";

  /** Meter name: admin HTTP requests answered, by route and status. */
  public static final String ADMIN_REQUESTS = "fisherman.admin.requests";

  /** Meter name: block headers the node source received. */
  public static final String NODE_HEIGHTS = "fisherman.node.heights";

  /** Meter name: the last block height the node source received. */
  public static final String NODE_HEIGHT = "fisherman.node.height";

  /** Meter name: times heights were skipped between two headers. */
  public static final String NODE_GAPS = "fisherman.node.height.gaps";

  /** Meter name: websocket reconnects and resubscribes, by {@link NodeReconnect}. */
  public static final String NODE_RECONNECTS = "fisherman.node.reconnects";

  /** Meter name: session query attempts, by {@link NodeQuery}. */
  public static final String NODE_QUERIES = "fisherman.node.session.queries";

  /** Meter name: the block time the node source estimates. */
  public static final String NODE_BLOCK_TIME = "fisherman.node.block.time";

  private static final String SOURCE_EVENTS_HELP =
      "Session events read by a session source, by source and result";
  private static final String ADMIN_REQUESTS_HELP =
      "Admin HTTP requests answered, by route and status code";

  /** Help text for meters registered by Micrometer's binders without one. */
  private static final Map<String, String> BINDER_DESCRIPTIONS =
      Map.of(
          "netty.allocator.memory.used", "Memory held by the Netty buffer allocator, by kind",
          "netty.allocator.memory.pinned",
              "Memory the Netty buffer allocator has lent out, by kind",
          "netty.allocator.pooled.arenas", "Arenas of the pooled Netty buffer allocator, by kind",
          "netty.allocator.pooled.cache.size", "Cache size of the pooled Netty buffer allocator",
          "netty.allocator.pooled.threadlocal.caches",
              "Thread-local caches of the pooled Netty buffer allocator",
          "netty.allocator.pooled.chunk.size", "Chunk size of the pooled Netty buffer allocator",
          "netty.eventexecutor.tasks.pending", "Tasks waiting in a Netty event loop's queue",
          "netty.eventexecutor.workers", "Threads of a Netty event loop group");

  /** What happened to one event a source read. */
  public enum SourceResult {
    /** The engine took a new session. */
    ACCEPTED,
    /** The engine already knew the session id. */
    DUPLICATE,
    /** The event did not parse or validate. */
    INVALID,
    /** The engine refused the session (closed, or rejected it). */
    REFUSED,
    /**
     * Not handed to the engine: the session's application has not delegated to the gateway
     * fisherman signs Shannon relays as.
     */
    UNDELEGATED;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Why the node source reconnected or resubscribed. */
  public enum NodeReconnect {
    /** The websocket closed or failed. */
    CLOSED,
    /** No header came for several block times. */
    STALLED,
    /** The node cancelled the subscription. */
    CANCELED,
    /** The node refused the subscription. */
    FAILED;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What one session query attempt came to. */
  public enum NodeQuery {
    /** A session was read. */
    OK,
    /** A 5xx or I/O error; asked again after a backoff. */
    RETRIED,
    /** Refused, or out of attempts. */
    FAILED,
    /** The answer did not have the expected shape. */
    INVALID;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final Map<String, Counter> sourceCounters = new ConcurrentHashMap<>();
  private final Map<String, Counter> nodeCounters = new ConcurrentHashMap<>();
  // HTTP status codes are three digits: one slot per code, per route.
  private static final int STATUSES = 1000;
  private final Map<String, AtomicReferenceArray<Timer>> adminTimers = new ConcurrentHashMap<>();
  private final AtomicLong nodeHeight = new AtomicLong();
  private final AtomicLong nodeBlockTimeNanos = new AtomicLong();
  private final AtomicBoolean nodeGauges = new AtomicBoolean();

  public DaemonMeters(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Counts one event of source kind {@code kind} ({@code localnet}, {@code webhook}, ...). */
  public void sourceEvent(String kind, SourceResult result) {
    sourceCounters
        .computeIfAbsent(
            kind + "/" + result.tag(),
            k ->
                Counter.builder(SOURCE_EVENTS)
                    .description(SOURCE_EVENTS_HELP)
                    .tag("source", kind)
                    .tag("result", result.tag())
                    .register(registry))
        .increment();
  }

  /** Counts one header at {@code height} received by the node source. */
  public void nodeHeight(long height) {
    registerNodeGauges();
    nodeCounter(NODE_HEIGHTS, "Block headers the node source received", "", "").increment();
    nodeHeight.set(height);
  }

  /** Counts heights skipped between two headers. */
  public void nodeGap() {
    nodeCounter(NODE_GAPS, "Times the node source saw heights skipped between two headers", "", "")
        .increment();
  }

  /** Counts one websocket reconnect or resubscribe of the node source. */
  public void nodeReconnect(NodeReconnect reason) {
    nodeCounter(
            NODE_RECONNECTS,
            "Websocket reconnects and resubscribes of the node source, by reason",
            "reason",
            reason.tag())
        .increment();
  }

  /** Counts one session query attempt of the node source. */
  public void nodeQuery(NodeQuery result) {
    nodeCounter(
            NODE_QUERIES,
            "Session query attempts of the node source, by result",
            "result",
            result.tag())
        .increment();
  }

  /** Sets the block time the node source estimates. */
  public void nodeBlockTime(Duration estimate) {
    registerNodeGauges();
    nodeBlockTimeNanos.set(estimate.toNanos());
  }

  private void registerNodeGauges() {
    if (nodeGauges.compareAndSet(false, true)) {
      Gauge.builder(NODE_HEIGHT, nodeHeight, AtomicLong::doubleValue)
          .description("Last block height the node source received")
          .register(registry);
      Gauge.builder(NODE_BLOCK_TIME, nodeBlockTimeNanos, n -> n.get() / 1e9)
          .description("Block time the node source estimates from header times")
          .baseUnit("seconds")
          .register(registry);
    }
  }

  private Counter nodeCounter(String name, String help, String tag, String value) {
    return nodeCounters.computeIfAbsent(
        name + "/" + value,
        k -> {
          Counter.Builder b = Counter.builder(name).description(help);
          if (!tag.isEmpty()) {
            b.tag(tag, value);
          }
          return b.register(registry);
        });
  }

  /**
   * Records one answered admin request; {@code route} is one of the fixed route names, {@code
   * unmatched} or {@code rejected}, so the tag set stays small.
   */
  public void adminRequest(String route, int status, long nanos) {
    // Looked up once per (route, status): a registry lookup builds and sorts tags every time. The
    // lookup here makes nothing either (no lambda, no boxed status).
    AtomicReferenceArray<Timer> byStatus = adminTimers.get(route);
    if (byStatus == null) {
      byStatus = adminTimers.computeIfAbsent(route, r -> new AtomicReferenceArray<>(STATUSES));
    }
    boolean indexed = status >= 0 && status < STATUSES;
    Timer timer = indexed ? byStatus.get(status) : null;
    if (timer == null) {
      // The registry hands back the same timer for the same tags, so a race registers it once.
      timer =
          Timer.builder(ADMIN_REQUESTS)
              .description(ADMIN_REQUESTS_HELP)
              .tag("route", route)
              .tag("status", Integer.toString(status))
              .register(registry);
      if (indexed) {
        byStatus.set(status, timer);
      }
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Keeps the exposition clean for Prometheus tooling: supplies the help text that Micrometer's
   * Netty binders leave out (families without help are rejected), and renames {@code
   * system.cpu.count}, whose {@code _count} suffix Prometheus linting reserves for histograms and
   * summaries, to {@code system.cpus}.
   */
  public static MeterFilter descriptions() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        if (id.getName().equals("system.cpu.count")) {
          id = id.withName("system.cpus");
        }
        if (id.getDescription() != null && !id.getDescription().isBlank()) {
          return id;
        }
        String description = BINDER_DESCRIPTIONS.get(id.getName());
        if (description == null) {
          return id;
        }
        return new Meter.Id(
            id.getName(),
            Tags.of(id.getTagsAsIterable()),
            id.getBaseUnit(),
            description,
            id.getType());
      }
    };
  }
}
