package dev.fisherman.daemon.source.cometbft;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The meters of the CometBFT source, named once here, each with help text. */
final class NodeMetrics {
  static final String HEIGHTS = "fisherman.node.heights";
  static final String HEIGHT = "fisherman.node.height";
  static final String GAPS = "fisherman.node.height.gaps";
  static final String RECONNECTS = "fisherman.node.reconnects";
  static final String QUERIES = "fisherman.node.session.queries";
  static final String BLOCK_TIME = "fisherman.node.block.time";

  /** Why the source reconnected or resubscribed. */
  enum Reason {
    CLOSED,
    STALLED,
    CANCELED,
    FAILED;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What one session query attempt came to. */
  enum QueryResult {
    OK,
    RETRIED,
    FAILED,
    INVALID;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Counter heights;
  private final Counter gaps;
  private final Map<Reason, Counter> reconnects = new EnumMap<>(Reason.class);
  private final Map<QueryResult, Counter> queries = new EnumMap<>(QueryResult.class);
  private final AtomicLong height = new AtomicLong();
  private final AtomicLong blockTimeNanos = new AtomicLong();

  NodeMetrics(MeterRegistry registry) {
    heights =
        Counter.builder(HEIGHTS)
            .description("New block headers the node source received")
            .register(registry);
    gaps =
        Counter.builder(GAPS)
            .description("Times the node source saw heights skipped between two headers")
            .register(registry);
    for (Reason r : Reason.values()) {
      reconnects.put(
          r,
          Counter.builder(RECONNECTS)
              .description("Websocket reconnects and resubscribes of the node source, by reason")
              .tag("reason", r.tag())
              .register(registry));
    }
    for (QueryResult q : QueryResult.values()) {
      queries.put(
          q,
          Counter.builder(QUERIES)
              .description("Session queries the node source sent, by result")
              .tag("result", q.tag())
              .register(registry));
    }
    Gauge.builder(HEIGHT, height, AtomicLong::doubleValue)
        .description("Last block height the node source received")
        .register(registry);
    Gauge.builder(BLOCK_TIME, blockTimeNanos, n -> n.get() / 1e9)
        .description("Block time the node source estimates from header times")
        .baseUnit("seconds")
        .register(registry);
  }

  void height(long h) {
    heights.increment();
    height.set(h);
  }

  void gap() {
    gaps.increment();
  }

  void reconnect(Reason r) {
    reconnects.get(r).increment();
  }

  void query(QueryResult q) {
    queries.get(q).increment();
  }

  void blockTime(Duration d) {
    blockTimeNanos.set(d.toNanos());
  }
}
