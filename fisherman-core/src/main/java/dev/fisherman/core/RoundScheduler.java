package dev.fisherman.core;

import dev.fisherman.core.time.FishermanClock;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires tasks at {@link FishermanClock#nanoTime()} deadlines from one dedicated thread.
 *
 * <p>Rounds must leave close to their planned instant (lateness p99 within a millisecond), which a
 * millisecond-granular event loop timer cannot promise. The thread parks until shortly before a
 * deadline and spins for the last {@link #SPIN_NANOS}, paying a few tens of microseconds of CPU per
 * round for sub-millisecond precision. Under a clock whose ticker is not real time (a test's), the
 * thread looks at the clock every {@link #MANUAL_POLL_NANOS} instead, since it may jump at any
 * time.
 */
final class RoundScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RoundScheduler.class);

  /** Parking overshoots by up to ~60 µs on Linux; spin through the last stretch instead. */
  static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(150);

  /** How often the thread looks at a clock that is not real time. */
  static final long MANUAL_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /** A task due at {@link #deadline}; may be rescheduled from inside {@link #run()}. */
  abstract static class Task implements Comparable<Task> {
    long deadline;
    private long sequence;

    abstract void run();

    @Override
    public int compareTo(Task o) {
      int c = Long.compare(deadline - o.deadline, 0);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private final Thread thread;
  private final FishermanClock clock;
  private final boolean realTime;
  private long sequence;
  private volatile boolean running = true;

  RoundScheduler(String name, FishermanClock clock) {
    this.clock = clock;
    this.realTime = clock.realTicker();
    thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.setPriority(Thread.MAX_PRIORITY);
    thread.start();
  }

  /** The clock whose {@link FishermanClock#nanoTime()} the deadlines are on. */
  FishermanClock clock() {
    return clock;
  }

  /** Queues {@code task} for its {@code deadline}; false once the scheduler is closed. */
  boolean schedule(Task task, long deadline) {
    lock.lock();
    try {
      if (!running) {
        return false;
      }
      task.deadline = deadline;
      task.sequence = sequence++;
      queue.add(task);
      if (queue.peek() == task) {
        changed.signal();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    while (running) {
      Task due;
      lock.lock();
      try {
        Task head = queue.peek();
        if (head == null) {
          changed.await();
          continue;
        }
        long wait = head.deadline - clock.nanoTime();
        if (!realTime && wait > 0) {
          changed.awaitNanos(MANUAL_POLL_NANOS);
          continue;
        }
        if (wait > SPIN_NANOS) {
          changed.awaitNanos(wait - SPIN_NANOS);
          continue;
        }
        due = queue.poll();
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
        continue;
      } finally {
        lock.unlock();
      }
      while (due.deadline - clock.nanoTime() > 0) {
        Thread.onSpinWait();
      }
      try {
        due.run();
      } catch (RuntimeException | Error e) {
        // One broken task must not stop every other session's rounds.
        LOG.error("scheduled task failed", e);
      }
    }
  }

  /** Stops the thread and returns the tasks that never ran. */
  List<Task> shutdown() {
    lock.lock();
    try {
      running = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try {
      List<Task> left = new ArrayList<>(queue);
      queue.clear();
      return left;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    shutdown();
  }
}
