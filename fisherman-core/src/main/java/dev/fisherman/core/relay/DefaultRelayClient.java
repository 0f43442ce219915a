package dev.fisherman.core.relay;

import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.ProbeLabel;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.genesis.ConnectionMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLException;

/** The Netty relay client: one {@link Endpoint} (event loop + connection pool) per servicer URL. */
final class DefaultRelayClient implements RelayClient {
  /** How long {@link #close()} waits for the event loops to cancel what is still running. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  private final EventLoopGroup group;
  final RelayClientConfig config;
  // A final field call on the probe path: as cheap as System.nanoTime() once inlined.
  final FishermanClock clock;
  final long timeoutNanos;
  final int maxResponseBytes;
  final boolean reuse;
  private final ConcurrentHashMap<URI, Endpoint> endpoints = new ConcurrentHashMap<>();
  final Set<Exchange> running = ConcurrentHashMap.newKeySet();
  // Name lookups block, so they run here rather than on an event loop.
  final ThreadPoolExecutor resolver;
  private final ScheduledFuture<?> sweep;
  private volatile SslContext sslContext;
  volatile boolean closed;
  // Where connections come from; tests stand in a factory that fails the way a full fd table does.
  final ChannelFactory<? extends Channel> channels;
  final SocketShortage socketShortage;

  DefaultRelayClient(EventLoopGroup group, RelayClientConfig config, FishermanClock clock) {
    this(group, config, clock, NioSocketChannel::new);
  }

  DefaultRelayClient(
      EventLoopGroup group,
      RelayClientConfig config,
      FishermanClock clock,
      ChannelFactory<? extends Channel> channels) {
    this.channels = Objects.requireNonNull(channels, "channels");
    this.socketShortage = new SocketShortage(clock);
    this.group = Objects.requireNonNull(group, "group");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (group.next() instanceof IoEventLoop loop && !loop.isIoType(NioIoHandler.class)) {
      throw new IllegalArgumentException(
          "eventLoopGroup: " + group.getClass().getSimpleName() + " (expected: a NIO group)");
    }
    this.timeoutNanos = config.relayTimeout().toNanos();
    this.maxResponseBytes = config.maxResponseBytes();
    this.reuse = config.connection() == ConnectionMode.REUSE;
    this.sslContext = config.sslContext().orElse(null);
    AtomicInteger threads = new AtomicInteger();
    this.resolver =
        new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "fisherman-resolver-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.resolver.allowCoreThreadTimeOut(true);
    // Servicers come and go with sessions: forget endpoints nobody probed for a while.
    long every = config.idleTimeout().toNanos();
    this.sweep =
        group
            .next()
            .scheduleWithFixedDelay(
                () -> {
                  long now = clock.nanoTime();
                  endpoints.values().removeIf(e -> e.unusedFor(2 * every, now));
                },
                every,
                every,
                TimeUnit.NANOSECONDS);
  }

  int endpoints() {
    return endpoints.size();
  }

  private Endpoint endpoint(URI url) {
    Endpoint endpoint = endpoints.get(url);
    if (endpoint == null) {
      endpoint = endpoints.computeIfAbsent(url, u -> new Endpoint(this, u, group.next()));
    }
    return endpoint;
  }

  @Override
  public void heat(long nanos) {
    if (group instanceof HotLoops hot) {
      hot.heat(nanos);
    }
  }

  @Override
  public List<CompletableFuture<Observation>> fanOut(
      List<URI> urls, RelayRequest request, List<ProbeLabel> labels) {
    Objects.requireNonNull(request, "request");
    if (urls.size() != labels.size()) {
      throw new IllegalArgumentException(
          "labels: " + labels.size() + " (expected: one per url, " + urls.size() + ")");
    }
    // Endpoints first: a bad URL fails the call before anything is sent.
    Endpoint[] endpoints = new Endpoint[urls.size()];
    for (int i = 0; i < endpoints.length; i++) {
      endpoints[i] = endpoint(Objects.requireNonNull(urls.get(i), "url"));
    }
    for (int i = 0; i < endpoints.length; i++) {
      Objects.requireNonNull(labels.get(i), "label");
    }
    List<CompletableFuture<Observation>> futures = new ArrayList<>(endpoints.length);
    Map<EventLoop, List<Exchange>> batches = new IdentityHashMap<>();
    // Encoded once for the round: every exchange holds a duplicate of the same buffer.
    ByteBuf shared = RequestWire.rest(ByteBufAllocator.DEFAULT, request, !reuse);
    try {
      for (int i = 0; i < endpoints.length; i++) {
        Exchange exchange =
            new Exchange(this, endpoints[i], request, labels.get(i), shared.retainedDuplicate());
        futures.add(exchange.future);
        if (closed) {
          exchange.cancel("relay client closed", false);
          continue;
        }
        running.add(exchange);
        batches.computeIfAbsent(endpoints[i].loop, l -> new ArrayList<>()).add(exchange);
      }
    } finally {
      shared.release();
    }
    for (Map.Entry<EventLoop, List<Exchange>> batch : batches.entrySet()) {
      List<Exchange> exchanges = batch.getValue();
      try {
        batch
            .getKey()
            .execute(
                () -> {
                  // The round is here: a heated loop may block again once its share is out.
                  HotLoops.coolThisLoop();
                  // Every request of the loop's share written first, then flushed back to back:
                  // the share's sends are as close together as one write syscall each allows.
                  List<Exchange> written = new ArrayList<>(exchanges.size());
                  for (Exchange exchange : exchanges) {
                    if (exchange.start(true)) {
                      written.add(exchange);
                    }
                  }
                  for (Exchange exchange : written) {
                    exchange.flush();
                  }
                });
      } catch (RejectedExecutionException e) {
        for (Exchange exchange : exchanges) {
          exchange.cancel("event loop shut down", false);
        }
      }
    }
    return futures;
  }

  @Override
  public CompletableFuture<Void> prepare(List<URI> urls) {
    if (!reuse || closed || urls.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> all = new CompletableFuture<>();
    AtomicInteger left = new AtomicInteger(urls.size());
    Runnable done =
        () -> {
          if (left.decrementAndGet() == 0) {
            all.complete(null);
          }
        };
    // One task per event loop for its share, as in fanOut: a task per URL would cost a hand-off
    // to another thread (and often a wake-up) per servicer and round.
    Map<EventLoop, List<Endpoint>> batches = new IdentityHashMap<>();
    for (URI url : urls) {
      Endpoint endpoint;
      try {
        endpoint = endpoint(Objects.requireNonNull(url, "url"));
      } catch (RuntimeException e) {
        done.run();
        continue;
      }
      batches.computeIfAbsent(endpoint.loop, l -> new ArrayList<>()).add(endpoint);
    }
    for (Map.Entry<EventLoop, List<Endpoint>> batch : batches.entrySet()) {
      List<Endpoint> share = batch.getValue();
      try {
        batch
            .getKey()
            .execute(
                () -> {
                  for (Endpoint endpoint : share) {
                    endpoint.prepare(done);
                  }
                });
      } catch (RejectedExecutionException e) {
        for (int i = 0; i < share.size(); i++) {
          done.run();
        }
      }
    }
    return all;
  }

  @Override
  public CompletableFuture<Observation> probe(URI url, RelayRequest request, ProbeLabel label) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(label, "label");
    Endpoint endpoint = endpoint(url);
    Exchange exchange =
        new Exchange(
            this,
            endpoint,
            request,
            label,
            RequestWire.rest(ByteBufAllocator.DEFAULT, request, !reuse));
    if (closed) {
      exchange.cancel("relay client closed", false);
      return exchange.future;
    }
    running.add(exchange);
    try {
      endpoint.loop.execute(exchange::start);
    } catch (RejectedExecutionException e) {
      exchange.cancel("event loop shut down", false);
    }
    return exchange.future;
  }

  @Override
  public CompletableFuture<Observation> probe(URI url, RelayRequest request) {
    Objects.requireNonNull(url, "url");
    return probe(url, request, ProbeLabel.now(url.toString(), clock));
  }

  @Override
  public int inFlight() {
    return running.size();
  }

  SslContext sslContext() {
    SslContext context = sslContext;
    if (context == null) {
      synchronized (this) {
        context = sslContext;
        if (context == null) {
          try {
            context =
                SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
          } catch (SSLException e) {
            throw new IllegalStateException("cannot build the default TLS client context", e);
          }
          sslContext = context;
        }
      }
    }
    return context;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    sweep.cancel(false);
    for (Endpoint endpoint : endpoints.values()) {
      try {
        endpoint.loop.execute(endpoint::closeIdle);
      } catch (RejectedExecutionException e) {
        // The loop is gone and its channels with it.
      }
    }
    List<Exchange> left = new ArrayList<>(running);
    for (Exchange exchange : left) {
      try {
        exchange.endpoint.loop.execute(() -> exchange.cancel("relay client closed", true));
      } catch (RejectedExecutionException e) {
        exchange.cancel("event loop shut down", false);
      }
    }
    // Real time, whatever the clock: this waits for event loop threads, not for probes.
    long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
    while (!running.isEmpty() && System.nanoTime() - deadline < 0) {
      // Event loops cancel their probes within microseconds; this bounds a stuck loop.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    for (Exchange exchange : new ArrayList<>(running)) {
      exchange.cancel("event loop did not answer", false);
    }
    resolver.shutdownNow();
  }
}
