package dev.fisherman.core.relay;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SelectStrategy;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.IntSupplier;
import io.netty.util.concurrent.EventExecutor;
import java.nio.channels.spi.SelectorProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

  /** The heat of the loop running on this thread, once its strategy has been asked. */
  private static final ThreadLocal<Heat> CURRENT = new ThreadLocal<>();

  private final List<Heat> heats;

  private HotLoops(int threads, ThreadFactory threadFactory, List<Heat> heats) {
    super(
        threads,
        threadFactory,
        NioIoHandler.newFactory(
            SelectorProvider.provider(),
            () -> {
              // One strategy per loop, so that a loop can cool down on its own.
              Heat heat = new Heat();
              heats.add(heat);
              return heat;
            }));
    this.heats = heats;
  }

  /** A group of {@code threads} NIO loops; the caller owns it and shuts it down. */
  public static HotLoops create(int threads, ThreadFactory threadFactory) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
    }
    return new HotLoops(threads, threadFactory, new CopyOnWriteArrayList<>());
  }

  /**
   * Keeps every loop polling, not blocking, for the next {@code nanos} (or longer, if an earlier
   * call asked for longer), and wakes the ones that are blocked now.
   */
  public void heat(long nanos) {
    if (nanos <= 0) {
      return;
    }
    long until = System.nanoTime() + nanos;
    for (Heat h : heats) {
      h.until(until);
    }
    for (EventExecutor loop : this) {
      loop.execute(WAKE);
    }
  }

  /**
   * Ends the heat of the loop that calls it (nothing on any other thread): the work it was kept
   * awake for has arrived, and once that is done the loop may block again, leaving the core to
   * others (on a small machine, the servicer that is about to answer).
   */
  public static void coolThisLoop() {
    Heat h = CURRENT.get();
    if (h != null) {
      h.cool();
    }
  }

  /** Whether any loop is being kept awake now. */
  public boolean hot() {
    for (Heat h : heats) {
      if (h.hot()) {
        return true;
      }
    }
    return false;
  }

  /** A loop's select strategy: poll while hot (or while tasks wait), block otherwise. */
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

    void cool() {
      armed = false;
    }

    boolean hot() {
      return armed && System.nanoTime() - hotUntil < 0;
    }

    @Override
    public int calculateStrategy(IntSupplier selectSupplier, boolean hasTasks) throws Exception {
      if (CURRENT.get() != this) {
        CURRENT.set(this);
      }
      return hasTasks || hot() ? selectSupplier.get() : SelectStrategy.SELECT;
    }
  }
}
