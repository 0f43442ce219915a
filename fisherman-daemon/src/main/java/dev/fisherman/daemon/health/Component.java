package dev.fisherman.daemon.health;

/**
 * A long-lived part of the daemon: it can say whether it works right now, and it releases what it
 * created when closed. Health endpoints combine the checks; the wiring closes components in reverse
 * start order.
 */
public interface Component extends AutoCloseable {

  /** Whether this component can do its job right now. Cheap; called on every readiness probe. */
  CheckResult check();

  /** Releases what this component created; idempotent. Never throws a checked exception. */
  @Override
  void close();
}
