package dev.fisherman.daemon.sim;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * A JSON-RPC servicer on loopback whose answers (delay, failures, height lag) follow a {@link
 * Behaviour} that can be switched while it runs; used by {@code fisherman localnet} and the e2e
 * scenarios.
 *
 * <p>It answers every JSON-RPC {@code POST} with the request's {@code id}: {@code eth_chainId} with
 * its chain id, {@code eth_getBlockByNumber} with the block's hash (see {@link #blockHash}), and
 * any other method with the chain head as a hex block height. The head advances by one block per
 * {@link #BLOCK_TIME} of the given clock, so servicers sharing a clock agree on it. The servicer
 * runs on the event loop group it is given and never shuts that group down.
 */
public final class SimulatedServicer implements AutoCloseable {

  /** How often the simulated chain head advances by one block. */
  public static final Duration BLOCK_TIME = Duration.ofSeconds(1);

  private static final Instant CHAIN_START = Instant.parse("2024-01-01T00:00:00Z");
  private static final int MAX_REQUEST_BYTES = 1024 * 1024;

  private final Channel serverChannel;
  private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
  private final RandomGenerator random;
  private final InstantSource clock;
  private final LongAdder requests = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private volatile Behaviour behaviour;

  private SimulatedServicer(
      EventLoopGroup group,
      InetSocketAddress bind,
      Behaviour initial,
      RandomGenerator random,
      InstantSource clock) {
    this.behaviour = Objects.requireNonNull(initial, "initial");
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    accepted.increment();
                    connections.add(ch);
                    ch.closeFuture().addListener(f -> connections.remove(ch));
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast(new SimulatedServicerHandler(SimulatedServicer.this));
                  }
                });
    this.serverChannel = bootstrap.bind(bind).syncUninterruptibly().channel();
  }

  /**
   * Starts a servicer on {@code bind} (port 0 picks a free port) with a randomly seeded random
   * source and the system clock.
   *
   * @param group an NIO event loop group that the caller owns and shuts down
   */
  public static SimulatedServicer start(
      EventLoopGroup group, InetSocketAddress bind, Behaviour initial) {
    return start(group, bind, initial, new SplittableRandom(), InstantSource.system());
  }

  /**
   * Starts a servicer with an injected random source (which failures happen, jitter) and clock
   * (block height).
   *
   * @param group an NIO event loop group that the caller owns and shuts down
   */
  public static SimulatedServicer start(
      EventLoopGroup group,
      InetSocketAddress bind,
      Behaviour initial,
      RandomGenerator random,
      InstantSource clock) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(bind, "bind");
    return new SimulatedServicer(group, bind, initial, random, clock);
  }

  /** The address the servicer listens on. */
  public InetSocketAddress address() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** The URL relays go to, such as {@code http://127.0.0.1:40123}. */
  public URI url() {
    InetSocketAddress address = address();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  /** Switches to another behaviour; requests that arrive from now on follow it. */
  public void behave(Behaviour next) {
    this.behaviour = Objects.requireNonNull(next, "next");
  }

  /** The behaviour requests follow now. */
  public Behaviour behaviour() {
    return behaviour;
  }

  /** How many HTTP requests arrived so far. */
  public long requests() {
    return requests.sum();
  }

  /** How many of the requests were picked for failure so far. */
  public long failures() {
    return failures.sum();
  }

  /** How many TCP connections were accepted so far. */
  public long connections() {
    return accepted.sum();
  }

  /** The chain head now, minus the current behaviour's lag. */
  public long height() {
    long head = Duration.between(CHAIN_START, clock.instant()).dividedBy(BLOCK_TIME);
    return Math.max(0, head - behaviour.heightLag());
  }

  /** The simulated chain head at {@code instant}, before any lag. */
  public static long headAt(Instant instant) {
    return Math.max(0, Duration.between(CHAIN_START, instant).dividedBy(BLOCK_TIME));
  }

  /**
   * The hash of block {@code height} as this servicer reports it, or empty above its height:
   * servicers on one chain and one branch agree; a fork differs from its fork height on, and
   * another chain everywhere.
   */
  public Optional<String> blockHash(long height) {
    Behaviour b = behaviour;
    if (height < 0 || height > height()) {
      return Optional.empty();
    }
    String branch = height >= b.forkFrom() ? "fork@" + b.forkFrom() : "main";
    String seed = b.chainId() + "/" + branch + "/" + height;
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return Optional.of("0x" + HexFormat.of().formatHex(hash));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The chain id this servicer answers. */
  public String chainId() {
    return behaviour.chainId();
  }

  /** Stops listening and closes open connections; the event loop group stays up. */
  @Override
  public void close() {
    serverChannel.close().syncUninterruptibly();
    for (Channel connection : connections) {
      connection.close().syncUninterruptibly();
    }
  }

  void countRequest() {
    requests.increment();
  }

  /** Draws the fate of one request under {@code b}: its delay and whether and how it fails. */
  Plan plan(Behaviour b) {
    long delayNanos = b.delay().toNanos();
    boolean fail;
    synchronized (random) {
      if (!b.jitter().isZero()) {
        delayNanos += random.nextLong(b.jitter().toNanos());
      }
      fail = b.failureFraction() > 0 && random.nextDouble() < b.failureFraction();
    }
    if (fail) {
      failures.increment();
    }
    return new Plan(delayNanos, fail ? Optional.of(b.failure()) : Optional.empty());
  }

  /** The drawn fate of one request. */
  record Plan(long delayNanos, Optional<Failure> failure) {}
}
