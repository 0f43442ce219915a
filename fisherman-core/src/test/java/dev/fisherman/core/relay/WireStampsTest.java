package dev.fisherman.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.testkit.ManualClock;
import dev.fisherman.testkit.NoLeaks;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeaks.class)
class WireStampsTest {
  private final ManualClock manual = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final FishermanClock clock = FishermanClock.of(manual, manual);

  @Test
  void stamps_beforeAnyEvent_areTheFallback() {
    WireStamps stamps = new WireStamps(clock);

    assertThat(stamps.connected(-7)).isEqualTo(-7);
    assertThat(stamps.flushed(-8)).isEqualTo(-8);
    assertThat(stamps.read(-9)).isEqualTo(-9);
  }

  @Test
  void flush_isStampedAfterTheHandlersAboveEncodedTheMessage() {
    WireStamps stamps = new WireStamps(clock);
    long before = clock.nanoTime();
    // An encoder above the stamps that takes a second: the stamp is taken after it.
    EmbeddedChannel ch =
        new EmbeddedChannel(
            stamps,
            new ChannelOutboundHandlerAdapter() {
              @Override
              public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                manual.advance(Duration.ofSeconds(1));
                ctx.write(msg, promise);
              }
            });

    ch.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));

    assertThat(stamps.flushed(0) - before).isEqualTo(Duration.ofSeconds(1).toNanos());
    assertThat(ch.finishAndReleaseAll()).isTrue();
  }

  @Test
  void read_isStampedBeforeTheHandlersAboveDecodeIt() {
    WireStamps stamps = new WireStamps(clock);
    long before = clock.nanoTime();
    // A decoder above the stamps that takes a second: the stamp is taken before it.
    EmbeddedChannel ch =
        new EmbeddedChannel(
            stamps,
            new ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                manual.advance(Duration.ofSeconds(1));
                ReferenceCountUtil.release(msg);
              }
            });

    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));

    assertThat(stamps.read(-1)).isEqualTo(before);
    assertThat(clock.nanoTime() - before).isEqualTo(Duration.ofSeconds(1).toNanos());
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void connect_isStampedWhenTheSocketIsAskedToConnect() {
    WireStamps stamps = new WireStamps(clock);
    EmbeddedChannel ch = new EmbeddedChannel(stamps);
    manual.advance(Duration.ofMillis(5));
    long at = clock.nanoTime();

    ch.connect(new InetSocketAddress("127.0.0.1", 1));

    assertThat(stamps.connected(-1)).isEqualTo(at);
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }
}
