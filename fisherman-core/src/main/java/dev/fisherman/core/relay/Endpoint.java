package dev.fisherman.core.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One servicer URL: the event loop all its probes run on, its idle kept-alive connections and its
 * resolved address. Everything mutable here is touched only on {@link #loop}.
 */
final class Endpoint {
  private static final long RESOLVE_TTL_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final int MAX_INITIAL_LINE = 4096;
  private static final int MAX_HEADER_SIZE = 16384;
  private static final int MAX_CHUNK_SIZE = 16384;

  final DefaultRelayClient client;
  final EventLoop loop;
  final boolean tls;
  final String host;
  final int port;
  final String hostHeader;
  private byte[] ownHead;
  private final String basePath;
  private final String query;
  private final Bootstrap bootstrap;
  private final ArrayDeque<Channel> idle = new ArrayDeque<>();
  private final boolean literal;
  // Why this URL cannot be probed at all, or null: it fails its own probes, never a round.
  private final String unaddressable;
  private InetSocketAddress address;
  private long resolvedAt;
  // A connection is being opened ahead of a probe.
  private boolean preparing;
  private String headMethod;
  private String headPath;
  private byte[] headBytes;
  // Read by the client's sweep from another thread.
  private volatile long lastUsedNanos;

  Endpoint(DefaultRelayClient client, URI url, EventLoop loop) {
    this.client = client;
    this.loop = loop;
    this.lastUsedNanos = client.clock.nanoTime();
    this.tls = "https".equalsIgnoreCase(url.getScheme());
    String h = url.getHost();
    this.host =
        h == null ? "" : h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    this.port = url.getPort() >= 0 ? url.getPort() : tls ? 443 : 80;
    this.hostHeader = url.getPort() >= 0 ? h + ":" + url.getPort() : h;
    String raw = url.getRawPath();
    this.basePath = raw == null ? "" : raw;
    this.query = url.getRawQuery();
    this.literal = NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host);
    String why = null;
    if (h == null) {
      why = "not addressable: no host";
    } else if (port < 1 || port > 65_535) {
      why = "not addressable: port " + port + " out of range (expected: 1 to 65535)";
    } else if (literal) {
      this.address =
          new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(host), port);
      why = denied(address.getAddress());
    }
    this.unaddressable = why;
    long connectTimeoutMillis = client.config.relayTimeout().toMillis() + 1000;
    this.bootstrap =
        new Bootstrap()
            .group(loop)
            .channelFactory(client.channels)
            .resolver(NoopAddressResolverGroup.INSTANCE)
            .option(ChannelOption.TCP_NODELAY, true)
            // The probe's own deadline decides first; this only bounds the socket.
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis));
  }

  /** The request target: the servicer URL's path joined with the relay's path, then its query. */
  String target(RelayRequest request) {
    String path = request.path();
    String joined;
    if (basePath.isEmpty() || basePath.equals("/")) {
      joined = path;
    } else if (path.equals("/")) {
      joined = basePath;
    } else {
      joined =
          (basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath)
              + (path.startsWith("/") ? path : "/" + path);
    }
    return query == null ? joined : joined + (joined.contains("?") ? "&" : "?") + query;
  }

  /** The request line ({@code POST}) and {@code Host} of a wrapped relay, to the URL as given. */
  byte[] ownHead() {
    byte[] h = ownHead;
    if (h == null) {
      h = RequestWire.head("POST", ownTarget(), hostHeader);
      ownHead = h;
    }
    return h;
  }

  /** The request target of the URL exactly as given (a wrapped relay appends no path). */
  String ownTarget() {
    String path = basePath.isEmpty() ? "/" : basePath;
    return query == null ? path : path + "?" + query;
  }

  /**
   * The request line and {@code Host} of {@code request} on this servicer, encoded once per method
   * and path (rounds of a session repeat them). Runs on {@link #loop}.
   */
  byte[] head(RelayRequest request) {
    if (!request.method().equals(headMethod) || !request.path().equals(headPath)) {
      headBytes = RequestWire.head(request.method(), target(request), hostHeader);
      headMethod = request.method();
      headPath = request.path();
    }
    return headBytes;
  }

  void touch(long nowNanos) {
    lastUsedNanos = nowNanos;
  }

  /**
   * Unused for {@code nanos}: by then the idle handler has closed its connections, so forgetting
   * the endpoint releases nothing but memory.
   */
  boolean unusedFor(long nanos, long nowNanos) {
    return nowNanos - lastUsedNanos > nanos;
  }

  /** An idle kept-alive connection, newest first, or null. */
  Channel pollIdle() {
    Channel ch;
    while ((ch = idle.pollLast()) != null) {
      if (ch.isActive()) {
        return ch;
      }
    }
    return null;
  }

  /** Returns a connection whose exchange completed cleanly. */
  void release(Channel ch) {
    if (client.closed || !ch.isActive()) {
      ch.close();
    } else {
      idle.addLast(ch);
    }
  }

  void forget(Channel ch) {
    idle.remove(ch);
  }

  void closeIdle() {
    Channel ch;
    while ((ch = idle.pollFirst()) != null) {
      ch.close();
    }
  }

  /**
   * Opens a kept-alive connection ahead of the next probe unless one is idle or being opened;
   * {@code done} runs on the loop once the attempt is over, whatever its result. Failures are left
   * to the probes, which report them. Runs on {@link #loop}.
   */
  void prepare(Runnable done) {
    if (client.closed || unaddressable != null || preparing || hasIdle()) {
      done.run();
      return;
    }
    if (address != null && (literal || client.clock.nanoTime() - resolvedAt < RESOLVE_TTL_NANOS)) {
      open(address, done);
      return;
    }
    preparing = true;
    try {
      client.resolver.execute(
          () -> {
            InetAddress resolved;
            try {
              resolved = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
              resolved = null;
            }
            InetAddress a = resolved;
            try {
              loop.execute(
                  () -> {
                    preparing = false;
                    if (a == null || denied(a) != null) {
                      done.run();
                      return;
                    }
                    address = new InetSocketAddress(a, port);
                    resolvedAt = client.clock.nanoTime();
                    open(address, done);
                  });
            } catch (RejectedExecutionException e) {
              // The loop is gone; nothing waits on it any more.
            }
          });
    } catch (RejectedExecutionException e) {
      preparing = false;
      done.run();
    }
  }

  private boolean hasIdle() {
    for (Channel ch : idle) {
      if (ch.isActive()) {
        return true;
      }
    }
    return false;
  }

  private void open(InetSocketAddress remote, Runnable done) {
    preparing = true;
    ChannelFuture f;
    try {
      f = connect(remote, null);
    } catch (RuntimeException e) {
      preparing = false;
      done.run();
      return;
    }
    f.addListener(
        (ChannelFuture cf) -> {
          if (!cf.isSuccess()) {
            preparing = false;
            done.run();
          } else if (tls) {
            cf.channel()
                .pipeline()
                .get(SslHandler.class)
                .handshakeFuture()
                .addListener(
                    hf -> {
                      preparing = false;
                      if (hf.isSuccess()) {
                        release(cf.channel());
                      } else {
                        cf.channel().close();
                      }
                      done.run();
                    });
          } else {
            preparing = false;
            release(cf.channel());
            done.run();
          }
        });
  }

  /** Why probing {@code a} is refused by the deny list, or null when it may be probed. */
  private String denied(InetAddress a) {
    return client
        .config
        .limits()
        .denied(a)
        .map(r -> "denied: " + a.getHostAddress() + " lies in params.limits.deny " + r)
        .orElse(null);
  }

  /**
   * Resolves the host (off the loop when it is a name) and connects {@code exchange}; a URL that
   * cannot be addressed, or an address on the deny list, ends the probe as {@code refused}.
   */
  void resolveAndConnect(Exchange exchange) {
    if (unaddressable != null) {
      exchange.refuse(unaddressable);
      return;
    }
    if (address != null && (literal || client.clock.nanoTime() - resolvedAt < RESOLVE_TTL_NANOS)) {
      exchange.connect(address);
      return;
    }
    try {
      client.resolver.execute(
          () -> {
            try {
              InetAddress resolved = InetAddress.getByName(host);
              String why = denied(resolved);
              if (why != null) {
                // Not remembered: the next lookup may give another address.
                loop.execute(() -> exchange.refuse(why));
                return;
              }
              loop.execute(
                  () -> {
                    address = new InetSocketAddress(resolved, port);
                    resolvedAt = client.clock.nanoTime();
                    exchange.connect(address);
                  });
            } catch (UnknownHostException e) {
              loop.execute(() -> exchange.fail(e));
            } catch (RejectedExecutionException e) {
              exchange.cancel("event loop shut down", false);
            }
          });
    } catch (RejectedExecutionException e) {
      exchange.cancel("relay client closed", true);
    }
  }

  /** Opens a new connection whose pipeline reports to {@code exchange} (null: none yet). */
  ChannelFuture connect(InetSocketAddress remote, Exchange exchange) {
    WireStamps stamps = new WireStamps(client.clock);
    ResponseDecoder decoder =
        new ResponseDecoder(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE);
    ProbeHandler handler = new ProbeHandler(this, exchange, stamps, decoder);
    long idleMillis = client.config.idleTimeout().toMillis();
    bootstrap.handler(
        new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ChannelPipeline p = ch.pipeline();
            // First, so that its stamps are the nearest to the socket.
            p.addLast("stamps", stamps);
            if (tls) {
              p.addLast("tls", client.sslContext().newHandler(ch.alloc(), host, port));
            }
            // Requests are written as bytes (RequestWire); only answers need decoding.
            p.addLast("http", decoder);
            // Reader idleness alone: every request is answered or times out, and watching writes
            // would cost a listener on every probe's write.
            p.addLast("idle", new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
            p.addLast("probe", handler);
          }
        });
    return bootstrap.connect(remote);
  }
}
