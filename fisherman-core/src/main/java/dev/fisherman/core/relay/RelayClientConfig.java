package dev.fisherman.core.relay;

import dev.fisherman.genesis.ConnectionMode;
import dev.fisherman.genesis.LimitsParams;
import dev.fisherman.genesis.QosParams;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link RelayClient} talks to servicers.
 *
 * @param relayTimeout per-probe deadline covering name resolution, connect, TLS and the whole
 *     response
 * @param maxResponseBytes a response body longer than this ends the probe as {@code too_large}
 * @param connection reuse a kept-alive connection per servicer or open a fresh one per probe
 * @param sslContext the client TLS context for {@code https} servicers; empty for the default (JDK
 *     trust store, host name verification on)
 * @param idleTimeout a kept-alive connection unused this long is closed
 * @param limits genesis {@code params.limits}: addresses on its deny list are never connected to (a
 *     probe of one ends as {@code refused}); names are checked once resolved
 */
public record RelayClientConfig(
    Duration relayTimeout,
    int maxResponseBytes,
    ConnectionMode connection,
    Optional<SslContext> sslContext,
    Duration idleTimeout,
    LimitsParams limits) {

  /** How long an unused kept-alive connection stays open unless told otherwise. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

  public RelayClientConfig {
    Objects.requireNonNull(relayTimeout, "relayTimeout");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(sslContext, "sslContext");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(limits, "limits");
    if (relayTimeout.isNegative() || relayTimeout.isZero()) {
      throw new IllegalArgumentException("relayTimeout: " + relayTimeout + " (expected: > 0)");
    }
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException(
          "maxResponseBytes: " + maxResponseBytes + " (expected: >= 1)");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > 0)");
    }
    if (sslContext.isPresent() && !sslContext.get().isClient()) {
      throw new IllegalArgumentException("sslContext: a server context (expected: a client one)");
    }
  }

  /** The client settings genesis {@code params.qos} asks for, with the default deny list. */
  public static RelayClientConfig from(QosParams qos) {
    return from(qos, LimitsParams.DEFAULTS);
  }

  /**
   * The client settings genesis asks for: {@code params.qos} and the deny list of {@code limits}.
   */
  public static RelayClientConfig from(QosParams qos, LimitsParams limits) {
    return new RelayClientConfig(
        qos.relayTimeout(),
        qos.maxResponseBytes(),
        qos.connection(),
        Optional.empty(),
        DEFAULT_IDLE_TIMEOUT,
        limits);
  }

  /**
   * Settings without a deny list of their own: the default one ({@code 169.254.0.0/16}, {@code
   * fe80::/10}).
   */
  public RelayClientConfig(
      Duration relayTimeout,
      int maxResponseBytes,
      ConnectionMode connection,
      Optional<SslContext> sslContext,
      Duration idleTimeout) {
    this(
        relayTimeout, maxResponseBytes, connection, sslContext, idleTimeout, LimitsParams.DEFAULTS);
  }

  /** This config with {@code context} for {@code https} servicers. */
  public RelayClientConfig withSslContext(SslContext context) {
    return new RelayClientConfig(
        relayTimeout, maxResponseBytes, connection, Optional.of(context), idleTimeout, limits);
  }
}
