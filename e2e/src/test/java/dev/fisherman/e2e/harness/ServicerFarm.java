package dev.fisherman.e2e.harness;

import dev.fisherman.daemon.sim.Behaviour;
import dev.fisherman.daemon.sim.SimulatedServicer;
import dev.fisherman.e2e.proxy.FaultProxy;
import dev.fisherman.e2e.proxy.Toxics;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.InstantSource;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scenario's simulated servicers and fault proxies in the test JVM, on one event loop group the
 * farm owns and shuts down when it is closed.
 */
public final class ServicerFarm implements AutoCloseable {

  private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

  private final Queue<AutoCloseable> started = new ConcurrentLinkedQueue<>();
  private final AtomicLong seeds = new AtomicLong(20_260_101);
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

  /** Stops every servicer and proxy, then the event loop group. */
  @Override
  public void close() throws Exception {
    try {
      for (AutoCloseable c; (c = started.poll()) != null; ) {
        c.close();
      }
    } finally {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** A simulated servicer with a seed of its own. */
  public SimulatedServicer servicer(Behaviour behaviour) {
    return servicer(behaviour, seeds.incrementAndGet());
  }

  /**
   * A simulated servicer whose failures and jitter come from {@code seed}: the n-th request it
   * receives fails or not the same way on every run.
   */
  public SimulatedServicer servicer(Behaviour behaviour, long seed) {
    SimulatedServicer servicer =
        SimulatedServicer.start(
            group,
            LOOPBACK_ANY_PORT,
            behaviour,
            new SplittableRandom(seed),
            InstantSource.system());
    started.add(servicer);
    return servicer;
  }

  /** A fault proxy in front of {@code servicer}. */
  public FaultProxy proxy(SimulatedServicer servicer, Toxics toxics) {
    FaultProxy proxy =
        FaultProxy.start(
            group, servicer.address(), toxics, new SplittableRandom(seeds.incrementAndGet()));
    started.add(proxy);
    return proxy;
  }

  /**
   * A URL on 127.0.0.1 where nothing listens, so connecting is refused. The port stays bound (by a
   * socket that never listens) until the farm closes, so no servicer started meanwhile can take it.
   */
  public URI refusedUrl() {
    Socket holder = new Socket();
    try {
      holder.bind(LOOPBACK_ANY_PORT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    started.add(holder);
    return URI.create("http://127.0.0.1:" + holder.getLocalPort());
  }
}
