package dev.fisherman.core.relay;

import dev.fisherman.core.time.FishermanClock;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.net.SocketAddress;

/**
 * The first handler of a relay connection: the clock readings nearest the socket that Netty allows.
 * A connect is stamped just before the socket connects, a flush just before the bytes are written
 * (after the HTTP and TLS encoders), a read as soon as the bytes are read (before TLS and HTTP
 * decode them). A probe's latency spans these stamps, so encoding, decoding and checking an answer
 * stay out of it whether that code is compiled yet or not: the first probe of a cold process is
 * timed between the same points as the thousandth. Confined to the connection's event loop.
 */
final class WireStamps extends ChannelDuplexHandler {
  private final FishermanClock clock;
  private long connectNanos;
  private long flushNanos;
  private long readNanos;
  private boolean connectStamped;
  private boolean flushStamped;
  private boolean readStamped;

  WireStamps(FishermanClock clock) {
    this.clock = clock;
  }

  @Override
  public void connect(
      ChannelHandlerContext ctx,
      SocketAddress remote,
      SocketAddress local,
      ChannelPromise promise) {
    connectNanos = clock.nanoTime();
    connectStamped = true;
    ctx.connect(remote, local, promise);
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    flushNanos = clock.nanoTime();
    flushStamped = true;
    ctx.flush();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    readNanos = clock.nanoTime();
    readStamped = true;
    ctx.fireChannelRead(msg);
  }

  /** When the socket was asked to connect, or {@code orElse} before that. */
  long connected(long orElse) {
    return connectStamped ? connectNanos : orElse;
  }

  /** When the latest flush reached the socket, or {@code orElse} before any. */
  long flushed(long orElse) {
    return flushStamped ? flushNanos : orElse;
  }

  /** When the latest bytes were read from the socket, or {@code orElse} before any. */
  long read(long orElse) {
    return readStamped ? readNanos : orElse;
  }
}
