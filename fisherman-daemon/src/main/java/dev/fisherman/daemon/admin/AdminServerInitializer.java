package dev.fisherman.daemon.admin;

import dev.fisherman.daemon.metrics.DaemonMeters;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Builds the admin pipeline: idle close → request deadlines (first byte) → HTTP codec (URI and
 * header limits) → malformed-request answers → request deadlines (head, end) → HTTP version, Host
 * and HEAD rules → keep-alive → body aggregation (body limit) → chunked writes (streamed answers) →
 * router. Typed on {@link Channel} so handler tests can run it on an embedded channel.
 */
final class AdminServerInitializer extends ChannelInitializer<Channel> {
  /** Longest request line (method, URI, version) read; longer gets {@code 414}. */
  static final int MAX_URI_BYTES = 8 * 1024;

  /** Largest header block read; larger gets {@code 431}. */
  static final int MAX_HEADER_BYTES = 16 * 1024;

  /** Largest request body read; larger gets {@code 413}. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  /** Time a request's head may take from its first byte; slower gets {@code 408}. */
  static final Duration HEAD_DEADLINE = Duration.ofSeconds(10);

  /** Time a request's body may take after its head; slower gets {@code 408}. */
  static final Duration BODY_DEADLINE = Duration.ofSeconds(30);

  private final AdminRouter router;
  private final DaemonMeters metrics;
  private final Duration idleTimeout;
  private final ChannelGroup connections;

  AdminServerInitializer(
      AdminRouter router, DaemonMeters metrics, Duration idleTimeout, ChannelGroup connections) {
    this.router = router;
    this.metrics = metrics;
    this.idleTimeout = idleTimeout;
    this.connections = connections;
  }

  @Override
  protected void initChannel(Channel ch) {
    connections.add(ch);
    ChannelPipeline p = ch.pipeline();
    p.addLast(new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
    p.addLast(IdleCloseHandler.INSTANCE);
    RequestDeadlines deadlines =
        new RequestDeadlines(
            HEAD_DEADLINE, BODY_DEADLINE, () -> metrics.adminRequest("rejected", 408, 0));
    p.addLast(deadlines.wire());
    p.addLast(
        new HttpServerCodec(
            new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_URI_BYTES)
                .setMaxHeaderSize(MAX_HEADER_BYTES)));
    p.addLast(new RequestLimitsHandler(metrics));
    p.addLast(deadlines.messages());
    p.addLast(new RequestRulesHandler(metrics));
    p.addLast(new HttpServerKeepAliveHandler());
    p.addLast(new BodylessRequests());
    p.addLast(new BodyLimitAggregator(MAX_BODY_BYTES, metrics));
    // Streamed answers (a session's observations) are written as the connection takes them.
    p.addLast(new ChunkedWriteHandler());
    p.addLast(router);
  }
}
