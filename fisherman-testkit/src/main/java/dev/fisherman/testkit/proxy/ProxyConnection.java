package dev.fisherman.testkit.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One client connection and its target connection. All state is touched only on the client
 * channel's event loop (the target channel is registered on the same loop).
 */
final class ProxyConnection {

  private static final int MAX_SLICE_BYTES = 16 * 1024;

  private final FaultProxy proxy;
  private final Channel frontend;
  private final Pipe up = new Pipe();
  private final Pipe down = new Pipe();
  private Channel backend;

  /** Accepted while the proxy was a blackhole: never connected, everything is swallowed. */
  private boolean sink;

  ProxyConnection(FaultProxy proxy, Channel frontend) {
    this.proxy = proxy;
    this.frontend = frontend;
  }

  /**
   * One direction: its queue of bytes and actions in due order, drained by a single scheduled task,
   * so nothing overtakes what went before whatever the jitter drew; plus bandwidth and truncation
   * state.
   */
  private final class Pipe {
    private final ArrayDeque<Due> queue = new ArrayDeque<>();
    private boolean drainScheduled;
    long lastDueNanos;
    long nextFreeNanos;
    long forwarded;
    boolean closing;

    void enqueue(long due, Runnable action) {
      lastDueNanos = Math.max(lastDueNanos, due);
      queue.add(new Due(lastDueNanos, action));
      if (!drainScheduled) {
        drainScheduled = true;
        frontend.eventLoop().execute(this::drain);
      }
    }

    private void drain() {
      drainScheduled = false;
      long now = System.nanoTime();
      while (!queue.isEmpty() && queue.peek().nanos() <= now) {
        queue.poll().action().run();
      }
      if (!queue.isEmpty()) {
        drainScheduled = true;
        frontend
            .eventLoop()
            .schedule(this::drain, queue.peek().nanos() - now, TimeUnit.NANOSECONDS);
      }
    }
  }

  private record Due(long nanos, Runnable action) {}

  ChannelInboundHandlerAdapter frontendHandler() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelActive(ChannelHandlerContext ctx) {
        switch (proxy.toxics().mode()) {
          case RESET -> reset();
          case BLACKHOLE -> {
            sink = true;
            frontend.config().setAutoRead(true);
          }
          case PASS -> connectBackend();
        }
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        proxy.countUpstream(((ByteBuf) msg).readableBytes());
        forward((ByteBuf) msg, up, true);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        afterPending(up, () -> close(backend));
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeBoth();
      }
    };
  }

  private ChannelInboundHandlerAdapter backendHandler() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        proxy.countDownstream(((ByteBuf) msg).readableBytes());
        forward((ByteBuf) msg, down, false);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        afterPending(down, () -> close(frontend));
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeBoth();
      }
    };
  }

  private void connectBackend() {
    new Bootstrap()
        .group(frontend.eventLoop())
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(backendHandler())
        .connect(proxy.target())
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (f.isSuccess()) {
                    backend = f.channel();
                    if (!frontend.isActive()) {
                      backend.close();
                      return;
                    }
                    frontend.config().setAutoRead(true);
                  } else {
                    // The target is down: the client sees its connection closed.
                    frontend.close();
                  }
                });
  }

  /** Applies switched toxics to this open connection (called from any thread). */
  void apply(Toxics toxics) {
    if (toxics.mode() == Toxics.Mode.RESET) {
      frontend.eventLoop().execute(this::reset);
    }
  }

  private void forward(ByteBuf buf, Pipe pipe, boolean upstream) {
    Toxics toxics = proxy.toxics();
    if (sink || toxics.mode() == Toxics.Mode.BLACKHOLE || pipe.closing) {
      buf.release();
      return;
    }
    if (toxics.mode() == Toxics.Mode.RESET) {
      buf.release();
      reset();
      return;
    }
    Toxics.Direction shape = upstream ? toxics.upstream() : toxics.downstream();
    Channel destination = upstream ? backend : frontend;
    try {
      long room = shape.closeAfterBytes() - pipe.forwarded;
      boolean truncate = buf.readableBytes() >= room;
      int toSend = (int) Math.min(buf.readableBytes(), Math.max(0, room));
      int sliceBytes =
          shape.bytesPerSecond() == 0
              ? Math.max(1, toSend)
              : (int) Math.max(1, Math.min(MAX_SLICE_BYTES, shape.bytesPerSecond() / 100));
      while (toSend > 0) {
        int n = Math.min(sliceBytes, toSend);
        send(buf.readRetainedSlice(n), pipe, shape, destination);
        toSend -= n;
        pipe.forwarded += n;
      }
      if (truncate) {
        pipe.closing = true;
        afterPending(pipe, this::closeBoth);
      }
    } finally {
      buf.release();
    }
  }

  private void send(ByteBuf slice, Pipe pipe, Toxics.Direction shape, Channel destination) {
    long due =
        System.nanoTime() + shape.latency().toNanos() + proxy.jitterNanos(shape.jitter().toNanos());
    if (shape.bytesPerSecond() > 0) {
      due = Math.max(due, pipe.nextFreeNanos);
      pipe.nextFreeNanos =
          due + slice.readableBytes() * TimeUnit.SECONDS.toNanos(1) / shape.bytesPerSecond();
    }
    pipe.enqueue(due, () -> write(destination, slice));
  }

  private static void write(Channel destination, ByteBuf slice) {
    if (destination == null || !destination.isActive()) {
      ReferenceCountUtil.release(slice);
      return;
    }
    destination.writeAndFlush(slice);
  }

  /** Runs {@code action} once the bytes already queued on {@code pipe} have been written. */
  private void afterPending(Pipe pipe, Runnable action) {
    pipe.enqueue(System.nanoTime(), action);
  }

  private void reset() {
    if (frontend.isOpen()) {
      // SO_LINGER 0 turns the close into a TCP RST, which is what a reset looks like to clients.
      frontend.config().setOption(ChannelOption.SO_LINGER, 0);
      frontend.close();
    }
    close(backend);
  }

  void closeBoth() {
    close(frontend);
    close(backend);
  }

  private static void close(Channel channel) {
    if (channel != null) {
      // Flush what is queued before closing, so truncation delivers exactly the allowed bytes.
      channel
          .writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
          .addListener(ChannelFutureListener.CLOSE);
    }
  }
}
