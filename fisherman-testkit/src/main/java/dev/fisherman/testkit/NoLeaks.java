package dev.fisherman.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty's leak detector reports a buffer it leaked. Leaks surface only after the
 * buffer is garbage collected and the detector next tracks an allocation, so this collects and
 * allocates a few times before looking.
 */
public final class NoLeaks implements BeforeEachCallback, AfterEachCallback {

  @Override
  public void beforeEach(ExtensionContext context) {
    assertThat(ResourceLeakDetector.getLevel())
        .as("leak detection level (set by the build's argLine)")
        .isEqualTo(ResourceLeakDetector.Level.PARANOID);
    collectAndProbe();
    LeakRecorder.drain();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    collectAndProbe();
    List<String> leaks = LeakRecorder.drain();
    assertThat(leaks).as("buffers leaked by " + context.getDisplayName()).isEmpty();
  }

  /** Collects garbage and allocates so that the detector reports what it found. */
  public static void collectAndProbe() {
    for (int i = 0; i < 5; i++) {
      System.gc();
      allocateAndRelease();
    }
  }

  private static void allocateAndRelease() {
    ByteBuf[] bufs = {
      PooledByteBufAllocator.DEFAULT.directBuffer(16),
      PooledByteBufAllocator.DEFAULT.heapBuffer(16),
      UnpooledByteBufAllocator.DEFAULT.directBuffer(16),
      UnpooledByteBufAllocator.DEFAULT.heapBuffer(16)
    };
    for (ByteBuf b : bufs) {
      b.release();
    }
  }
}
