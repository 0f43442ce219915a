package dev.fisherman.core.relay;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SelectStrategy;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.IntSupplier;
import io.netty.util.concurrent.EventExecutor;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.ThreadFactory;

/**
 * NIO event loops that can be kept awake for a moment: {@link #heat(long)} wakes every loop now and
 * has it poll its sockets and task queue without blocking until the time is up, then block again as
 * usual.
 *
 * <p>The engine heats the probe loops shortly before a round's instant. The round's sends then land
 * on loops that are already running, instead of paying a thread wake-up (tens of microseconds at
 * best, over a millisecond on a loaded machine) at the instant; the loops keep reading sockets all
 * the while, so answers of earlier rounds are read and stamped as promptly as ever. The cost is
 * CPU: each loop polls for the heated stretch (about half a millisecond per round).
 */
public final class HotLoops extends MultiThreadIoEventLoopGroup {
  private static final Runnable WAKE = () -> {};

  private final Heat heat;

  private HotLoops(int threads, ThreadFactory threadFactory, Heat heat) {
    super(threads, threadFactory, NioIoHandler.newFactory(SelectorProvider.provider(), () -> heat));
    this.heat = heat;
  }

  /** A group of {@code threads} NIO loops; the caller owns it and shuts it down. */
  public static HotLoops create(int threads, ThreadFactory threadFactory) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
    }
    return new HotLoops(threads, threadFactory, new Heat());
  }

  /**
   * Keeps every loop polling, not blocking, for the next {@code nanos} (or longer, if an earlier
   * call asked for longer), and wakes the ones that are blocked now.
   */
  public void heat(long nanos) {
    if (nanos <= 0) {
      return;
    }
    heat.until(System.nanoTime() + nanos);
    for (EventExecutor loop : this) {
      loop.execute(WAKE);
    }
  }

  /** Whether the loops are being kept awake now. */
  public boolean hot() {
    return heat.hot();
  }

  /** The select strategy: poll while hot (or while tasks wait), block otherwise. */
  private static final class Heat implements SelectStrategy {
    private volatile long hotUntil;
    private volatile boolean armed;

    void until(long deadline) {
      // One thread (the round scheduler) heats; a later deadline extends, an earlier one does not
      // cut a stretch short.
      if (!armed || deadline - hotUntil > 0) {
        hotUntil = deadline;
        armed = true;
      }
    }

    boolean hot() {
      return armed && System.nanoTime() - hotUntil < 0;
    }

    @Override
    public int calculateStrategy(IntSupplier selectSupplier, boolean hasTasks) throws Exception {
      return hasTasks || hot() ? selectSupplier.get() : SelectStrategy.SELECT;
    }
  }
}
