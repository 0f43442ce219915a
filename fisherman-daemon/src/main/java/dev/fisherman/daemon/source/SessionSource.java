package dev.fisherman.daemon.source;

import dev.fisherman.daemon.health.Component;

/**
 * Produces session-start events and nothing else: where sessions come from (localnet timer,
 * webhook, ndjson stream). A source is started once with the sink it feeds and stops producing when
 * closed.
 */
public interface SessionSource extends Component {

  /** A short name for logs, metrics and readiness, e.g. {@code localnet} or {@code ndjson:-}. */
  String name();

  /**
   * Starts producing into {@code sink}.
   *
   * @throws IllegalStateException if started twice or after close
   */
  void start(SessionSink sink);
}
