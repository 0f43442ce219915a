package dev.fisherman.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
      awaitCollection();
      allocateAndRelease();
    }
  }

  /**
   * Runs a garbage collection and waits until the references it cleared are enqueued. Enqueuing
   * happens on the JVM's reference handler thread after the collection, so on a busy machine the
   * detector's references may not be queued yet when {@link System#gc()} returns; a sentinel
   * reference of our own tells when they are.
   */
  private static void awaitCollection() {
    ReferenceQueue<Object> queue = new ReferenceQueue<>();
    WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try {
      do {
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError("no garbage collection cleared a sentinel within 30 s");
        }
        System.gc();
      } while (queue.remove(100) == null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a garbage collection", e);
    }
    Reference.reachabilityFence(sentinel);
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
