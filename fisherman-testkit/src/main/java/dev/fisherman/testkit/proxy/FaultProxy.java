package dev.fisherman.testkit.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * A TCP proxy on loopback that forwards to one target and injects faults — latency, jitter,
 * bandwidth limits, resets, a blackhole, truncation — that can be switched while connections are
 * open. It stands in for netem and toxiproxy, which this environment does not have.
 */
public final class FaultProxy implements AutoCloseable {

  private final Channel server;
  private final InetSocketAddress target;
  private final RandomGenerator random;
  private final Set<ProxyConnection> open = ConcurrentHashMap.newKeySet();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder upstreamBytes = new LongAdder();
  private final LongAdder downstreamBytes = new LongAdder();
  private volatile Toxics toxics;

  private FaultProxy(
      EventLoopGroup group, InetSocketAddress target, Toxics initial, RandomGenerator random) {
    this.target = Objects.requireNonNull(target, "target");
    this.toxics = Objects.requireNonNull(initial, "initial");
    this.random = Objects.requireNonNull(random, "random");
    this.server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            // Nothing is read from a client until its target connection is up.
            .childOption(ChannelOption.AUTO_READ, false)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    accepted.increment();
                    ProxyConnection connection = new ProxyConnection(FaultProxy.this, ch);
                    open.add(connection);
                    ch.closeFuture().addListener(f -> open.remove(connection));
                    ch.pipeline().addLast(connection.frontendHandler());
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .syncUninterruptibly()
            .channel();
  }

  /** A transparent proxy to {@code target}; toxics are added with {@link #toxics(Toxics)}. */
  public static FaultProxy start(EventLoopGroup group, InetSocketAddress target) {
    return start(group, target, Toxics.none(), new SplittableRandom());
  }

  /**
   * A proxy to {@code target} with the given toxics and the random source its jitter uses.
   *
   * @param group an NIO event loop group the caller owns; the proxy never shuts it down
   */
  public static FaultProxy start(
      EventLoopGroup group, InetSocketAddress target, Toxics initial, RandomGenerator random) {
    return new FaultProxy(group, target, initial, random);
  }

  /** Where clients connect. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /** {@code http://127.0.0.1:<port>}, for targets that speak HTTP. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + address().getPort());
  }

  /** Switches the toxics; open connections follow at once (a reset resets them all). */
  public void toxics(Toxics next) {
    this.toxics = Objects.requireNonNull(next, "next");
    for (ProxyConnection connection : open) {
      connection.apply(next);
    }
  }

  /** The toxics in force. */
  public Toxics toxics() {
    return toxics;
  }

  /** Connections accepted so far. */
  public long connections() {
    return accepted.sum();
  }

  /** Bytes received from clients so far (forwarded or not). */
  public long upstreamBytes() {
    return upstreamBytes.sum();
  }

  /** Bytes received from the target so far (forwarded or not). */
  public long downstreamBytes() {
    return downstreamBytes.sum();
  }

  /** Stops listening and closes every open connection; the event loop group stays up. */
  @Override
  public void close() {
    server.close().syncUninterruptibly();
    for (ProxyConnection connection : open) {
      connection.closeBoth();
    }
  }

  InetSocketAddress target() {
    return target;
  }

  long jitterNanos(long boundNanos) {
    if (boundNanos <= 0) {
      return 0;
    }
    synchronized (random) {
      return random.nextLong(boundNanos);
    }
  }

  void countUpstream(int bytes) {
    upstreamBytes.add(bytes);
  }

  void countDownstream(int bytes) {
    downstreamBytes.add(bytes);
  }
}
