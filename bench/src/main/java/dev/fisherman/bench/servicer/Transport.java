package dev.fisherman.bench.servicer;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The Netty transport the harness's own servers and load generators use (NIO, like the engine). */
public final class Transport {
  private Transport() {}

  /** A new event loop group; the caller owns it and shuts it down. */
  public static EventLoopGroup newGroup(int threads) {
    return new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
  }

  public static Class<? extends ServerSocketChannel> serverChannel() {
    return NioServerSocketChannel.class;
  }

  public static Class<? extends SocketChannel> clientChannel() {
    return NioSocketChannel.class;
  }
}
