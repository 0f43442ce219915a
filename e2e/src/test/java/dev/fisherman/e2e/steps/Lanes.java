package dev.fisherman.e2e.steps;

import java.util.Collection;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Which scenarios may run side by side. Most only wait for sessions to run their course and share
 * the machine; a {@code @latency} scenario measures time and runs with no other scenario beside it;
 * an {@code @exclusive} scenario starts a daemon JVM or loads the machine and also runs alone. Both
 * locks are fair, so a waiting scenario is not overtaken for ever.
 */
final class Lanes {

  private static final ReadWriteLock MACHINE = new ReentrantReadWriteLock(true);

  private Lanes() {}

  /** Waits for the scenario's lane and returns the lock to release when it ends. */
  static Lock enter(Collection<String> tags) {
    boolean alone = tags.contains("@latency") || tags.contains("@exclusive");
    Lock lock = alone ? MACHINE.writeLock() : MACHINE.readLock();
    lock.lock();
    return lock;
  }
}
