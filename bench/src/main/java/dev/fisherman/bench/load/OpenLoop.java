package dev.fisherman.bench.load;

import dev.fisherman.bench.servicer.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * An open-loop HTTP load generator: requests are due at a fixed rate whether or not earlier ones
 * have been answered, go out on the first idle keep-alive connection, and their latency counts from
 * the instant they were due, so a slow server cannot slow the generator down and hide its own
 * stalls (no coordinated omission).
 */
final class OpenLoop {
  private static final AttributeKey<Long> DUE = AttributeKey.valueOf("due");

  /**
   * @param latency nanoseconds from the due instant to the whole response
   * @param due requests that fell due
   * @param answered responses with any status
   * @param failed responses with a non-2xx status, or connections that broke
   */
  record Result(Histogram latency, long due, long answered, long failed) {}

  private final InetSocketAddress target;
  private final int connections;
  private final Supplier<FullHttpRequest> request;
  private final Consumer<String> body;

  /**
   * @param body receives each 2xx response body as text, on the generator's event loop; pass {@code
   *     null} to skip decoding
   */
  OpenLoop(
      InetSocketAddress target,
      int connections,
      Supplier<FullHttpRequest> request,
      Consumer<String> body) {
    this.target = target;
    this.connections = connections;
    this.request = request;
    this.body = body;
  }

  /** Sends {@code rate} requests per second for {@code length}, then waits for the answers. */
  Result run(double rate, Duration length) throws InterruptedException {
    EventLoopGroup group = Transport.newGroup(1);
    ByteBuf wire = encode(request.get());
    try {
      EventLoop loop = group.next();
      State state = new State(wire);
      Bootstrap b =
          new Bootstrap()
              .group(loop)
              .channel(Transport.clientChannel())
              .option(ChannelOption.TCP_NODELAY, true)
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      // Requests go out as bytes encoded once (below): only answers are decoded.
                      ch.pipeline()
                          .addLast(new HttpResponseDecoder())
                          .addLast(new HttpObjectAggregator(64 * 1024 * 1024))
                          .addLast(new ResponseHandler(state));
                    }
                  });
      List<Channel> channels = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        channels.add(b.connect(target).sync().channel());
      }
      loop.submit(() -> state.idle.addAll(channels)).sync();

      long period = (long) (1e9 / rate);
      long count = (long) (rate * length.toNanos() / 1e9);
      long start = System.nanoTime() + 1_000_000;
      for (long i = 0; i < count; i++) {
        long due = start + i * period;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        loop.execute(() -> state.due(due));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        CountDownLatch checked = new CountDownLatch(1);
        boolean[] done = new boolean[1];
        loop.execute(
            () -> {
              done[0] = state.pending.isEmpty() && state.idle.size() == state.open(channels);
              checked.countDown();
            });
        checked.await();
        if (done[0]) {
          break;
        }
        Thread.sleep(10);
      }
      for (Channel ch : channels) {
        ch.close().sync();
      }
      return loop.submit(
              () -> new Result(state.latency.copy(), count, state.answered, state.failed))
          .get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
      wire.release();
    }
  }

  /**
   * The request's bytes, encoded once: every request of a run is the same, and encoding each anew
   * would spend the generator's CPU, on the cores the measured server shares, on work that tells
   * nothing.
   */
  private static ByteBuf encode(FullHttpRequest request) {
    EmbeddedChannel encoder = new EmbeddedChannel(new HttpRequestEncoder());
    encoder.writeOutbound(request);
    ByteBuf out = Unpooled.directBuffer();
    for (ByteBuf part; (part = encoder.readOutbound()) != null; ) {
      out.writeBytes(part);
      part.release();
    }
    encoder.finishAndReleaseAll();
    return out;
  }

  /** Generator state, touched only on its single event loop thread. */
  private final class State {
    final ByteBuf wire;
    final ArrayDeque<Long> pending = new ArrayDeque<>();
    final ArrayDeque<Channel> idle = new ArrayDeque<>();
    final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    long answered;
    long failed;

    State(ByteBuf wire) {
      this.wire = wire;
    }

    void due(long due) {
      pending.add(due);
      pump();
    }

    void pump() {
      while (!pending.isEmpty() && !idle.isEmpty()) {
        Channel ch = idle.poll();
        if (!ch.isActive()) {
          continue;
        }
        ch.attr(DUE).set(pending.poll());
        ch.writeAndFlush(wire.retainedDuplicate());
      }
    }

    int open(List<Channel> channels) {
      int n = 0;
      for (Channel ch : channels) {
        n += ch.isActive() ? 1 : 0;
      }
      return n;
    }
  }

  private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final State state;

    ResponseHandler(State state) {
      this.state = state;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      long now = System.nanoTime();
      Long due = ctx.channel().attr(DUE).getAndSet(null);
      if (due != null) {
        state.latency.recordValue(Math.max(0, now - due));
      }
      state.answered++;
      int code = response.status().code();
      if (code / 100 != 2) {
        state.failed++;
      } else if (body != null) {
        body.accept(response.content().toString(StandardCharsets.UTF_8));
      }
      state.idle.add(ctx.channel());
      state.pump();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (ctx.channel().attr(DUE).getAndSet(null) != null) {
        state.failed++;
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
