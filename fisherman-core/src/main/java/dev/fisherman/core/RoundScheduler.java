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
 * round for sub-millisecond precision. {@link #HEAT_NANOS} before a deadline it runs the task's
 * {@link Task#heat()}, which wakes what the task will hand its work to. Under a clock whose ticker
 * is not real time (a test's), the thread looks at the clock every {@link #MANUAL_POLL_NANOS}
 * instead, since it may jump at any time.
 */
final class RoundScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RoundScheduler.class);

  /** Parking overshoots by up to ~60 µs on Linux; spin through the last stretch instead. */
  static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(150);

  /**
   * How far ahead of a deadline a task's {@link Task#heat()} runs: enough for a blocked event loop
   * to wake (tens of microseconds, more on a loaded machine) before the task itself runs.
   */
  static final long HEAT_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

  /** How often the thread looks at a clock that is not real time. */
  static final long MANUAL_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /** A task due at {@link #deadline}; may be rescheduled from inside {@link #run()}. */
  abstract static class Task implements Comparable<Task> {
    long deadline;
    private long sequence;
    private boolean heated;

    abstract void run();

    /**
     * Runs {@link #HEAT_NANOS} before {@link #run()} under a real-time clock, on the scheduler's
     * thread: a round wakes its event loops here. Nothing by default.
     */
    void heat() {}

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
      task.heated = false;
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
      Task due = null;
      Task toHeat = null;
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
        if (!head.heated && wait > 0) {
          if (wait > HEAT_NANOS) {
            changed.awaitNanos(wait - HEAT_NANOS);
            continue;
          }
          head.heated = true;
          toHeat = head;
        } else if (wait > SPIN_NANOS) {
          changed.awaitNanos(wait - SPIN_NANOS);
          continue;
        } else {
          due = queue.poll();
        }
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
        continue;
      } finally {
        lock.unlock();
      }
      if (toHeat != null) {
        try {
          toHeat.heat();
        } catch (RuntimeException | Error e) {
          LOG.error("scheduled task's heat failed", e);
        }
        continue;
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
