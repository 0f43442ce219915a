package dev.fisherman.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class NoLeaksTest {

  @Test
  void collectAndProbe_afterABufferIsDropped_recordsALeakReport() {
    NoLeaks.collectAndProbe();
    LeakRecorder.drain();

    leakOne();
    NoLeaks.collectAndProbe();

    assertThat(LeakRecorder.drain()).anySatisfy(r -> assertThat(r).contains("LEAK"));
  }

  private static void leakOne() {
    ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
    leaked.writeLong(42);
    // Dropped without release() on purpose.
  }
}
