package dev.fisherman.testkit;

import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.SimulatedServicer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.SplittableRandom;

/**
 * Simulated servicers for tests: on 127.0.0.1, port 0, with a fixed seed and a chain head that
 * stands still at {@link #HEIGHT}, so every correct answer carries the result {@code 0x10}.
 */
public final class Servicers {

  /** The block height every correct answer reports. */
  public static final long HEIGHT = 16;

  private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress("127.0.0.1", 0);

  private Servicers() {}

  /** A servicer on {@code group} (which the caller owns) that answers as {@code behaviour} says. */
  public static SimulatedServicer start(EventLoopGroup group, Behaviour behaviour) {
    return SimulatedServicer.start(
        group,
        ANY_LOOPBACK_PORT,
        behaviour,
        new SplittableRandom(1),
        SimulatedServicer.chainAt(HEIGHT));
  }

  /** A healthy servicer speaking TLS with the server context {@code context}. */
  public static SimulatedServicer tls(EventLoopGroup group, SslContext context) {
    return SimulatedServicer.startTls(
        group,
        ANY_LOOPBACK_PORT,
        Behaviour.healthy(),
        new SplittableRandom(1),
        SimulatedServicer.chainAt(HEIGHT),
        context);
  }

  /** A URL on which nothing listens: connections to it are refused. */
  public static URI refusingUrl() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return URI.create("http://127.0.0.1:" + port);
  }
}
