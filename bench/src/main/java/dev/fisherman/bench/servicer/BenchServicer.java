package dev.fisherman.bench.servicer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A loopback JSON-RPC servicer for the load harness: answers every POST with {@code
 * {"jsonrpc":"2.0","id":<the id sent>,"result":"0x10d4f"}} after an injected delay that can be
 * switched while it runs, on keep-alive connections.
 *
 * <p>Delays run on one timer thread rather than on Netty's scheduler, because the NIO event loop
 * rounds scheduled tasks up to the next whole millisecond, which would be counted as measurement
 * overhead. The servicer records how late each answer actually left against its injected delay (the
 * slack), so the harness can tell the servicer's share of a measured latency from the prober's.
 */
public final class BenchServicer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] RESULT_HEAD =
      "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RESULT_TAIL =
      ",\"result\":\"0x10d4f\"}".getBytes(StandardCharsets.US_ASCII);

  /** How long before a deadline the timer thread stops sleeping and spins. */
  private static final long SPIN_NANOS = 150_000;

  private final EventLoopGroup group;
  private final Channel server;
  private final AtomicLong delayNanos = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final Recorder slack = new Recorder(3);
  private final Recorder heldTime = new Recorder(3);
  private final DelayQueue<Held> held = new DelayQueue<>();
  private final Thread timer =
      Thread.ofPlatform().name("servicer-delay").daemon().unstarted(this::release);

  private BenchServicer(int threads, int port) throws InterruptedException {
    this.group = Transport.newGroup(threads);
    boolean started = false;
    try {
      ChannelHandler handler = new Handler();
      this.server =
          new ServerBootstrap()
              .group(group)
              .channel(Transport.serverChannel())
              .option(ChannelOption.SO_BACKLOG, 4096)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpServerKeepAliveHandler())
                          .addLast(new HttpObjectAggregator(64 * 1024))
                          .addLast(handler);
                    }
                  })
              .bind(new InetSocketAddress("0.0.0.0", port))
              .sync()
              .channel();
      timer.start();
      started = true;
    } finally {
      if (!started) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      }
    }
  }

  /** Starts a servicer on 127.0.0.1 ({@code port} 0 picks a free one). */
  public static BenchServicer start(int threads, int port) throws InterruptedException {
    return new BenchServicer(threads, port);
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Sets the delay added before every answer from now on. */
  public void delay(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("delay: " + nanos + " (expected: >= 0)");
    }
    delayNanos.set(nanos);
  }

  /** Requests answered so far. */
  public long requests() {
    return requests.get();
  }

  /** How late the delay timer fired since the last call, in nanoseconds. */
  public Histogram takeSlack() {
    return slack.getIntervalHistogram();
  }

  /**
   * How long each answer was actually held since the last call, in nanoseconds: from the decoded
   * request to the write of its answer, on the event loop.
   */
  public Histogram takeHeld() {
    return heldTime.getIntervalHistogram();
  }

  /**
   * Runs on the timer thread: hands each answer back to its event loop when its delay is up. It
   * sleeps until {@link #SPIN_NANOS} before the deadline and spins the rest, because a parked
   * thread wakes some 50-100 µs late on Linux, which would be charged to the prober.
   */
  private void release() {
    try {
      while (true) {
        Held h = held.take();
        while (System.nanoTime() < h.deadline) {
          Thread.onSpinWait();
        }
        h.ctx
            .executor()
            .execute(
                () -> {
                  long now = System.nanoTime();
                  slack.recordValue(Math.max(0, now - h.deadline));
                  heldTime.recordValue(now - h.arrived);
                  send(h.ctx, h.response);
                });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(ChannelHandlerContext ctx, FullHttpResponse response) {
    requests.incrementAndGet();
    ctx.writeAndFlush(response);
  }

  /** An answer waiting for its injected delay to pass. */
  private record Held(
      ChannelHandlerContext ctx, FullHttpResponse response, long arrived, long deadline)
      implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(deadline - SPIN_NANOS - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(deadline, ((Held) o).deadline);
    }
  }

  @Override
  public void close() {
    timer.interrupt();
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @ChannelHandler.Sharable
  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      long arrived = System.nanoTime();
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      FullHttpResponse response = answer(request.content());
      HttpUtil.setKeepAlive(response, keepAlive);
      long delay = delayNanos.get();
      if (delay == 0) {
        heldTime.recordValue(System.nanoTime() - arrived);
        send(ctx, response);
        return;
      }
      held.add(new Held(ctx, response, arrived, arrived + delay));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private static FullHttpResponse answer(ByteBuf body) {
    String id = "1";
    try {
      JsonNode node = JSON.readTree(new ByteBufInputStream(body.duplicate()));
      if (node != null && node.has("id")) {
        id = node.get("id").toString();
      }
    } catch (IOException e) {
      // Not JSON: answer with a fixed id; the prober classifies the mismatch, not the servicer.
    }
    byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
    ByteBuf out = Unpooled.buffer(RESULT_HEAD.length + idBytes.length + RESULT_TAIL.length);
    out.writeBytes(RESULT_HEAD).writeBytes(idBytes).writeBytes(RESULT_TAIL);
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, out);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, out.readableBytes());
    return response;
  }
}
