package dev.fisherman.core.relay;

import dev.fisherman.core.time.FishermanClock;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes that could not even open a connection: the fisherman ran out of sockets (a full
 * file-descriptor table) or its event loop refused the channel. Such a probe was never sent, so it
 * says nothing about the servicer and ends as {@code cancelled}; the shortage is logged once, then
 * at most once a minute with how many probes it cost, never once per probe.
 */
final class SocketShortage {
  private static final Logger LOG = LoggerFactory.getLogger(SocketShortage.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final FishermanClock clock;
  private final AtomicLong unsent = new AtomicLong();
  private final AtomicLong unsentLogged = new AtomicLong();
  // The clock's nanoTime from which the next line may be written.
  private final AtomicLong nextLog;

  SocketShortage(FishermanClock clock) {
    this.clock = clock;
    this.nextLog = new AtomicLong(clock.nanoTime());
  }

  /** Counts one probe that was not sent because of {@code cause}; returns its detail. */
  String unsent(Throwable cause) {
    String why = why(cause);
    long total = unsent.incrementAndGet();
    long now = clock.nanoTime();
    long next = nextLog.get();
    if (now - next >= 0 && nextLog.compareAndSet(next, now + LOG_EVERY_NANOS)) {
      long since = total - unsentLogged.getAndSet(total);
      if (since == total) {
        LOG.warn(
            "relay: cannot open a connection ({}); probes that cannot are not sent and end as"
                + " cancelled (logged again at most once a minute)",
            why);
      } else {
        LOG.warn(
            "relay: cannot open a connection ({}); {} probes not sent since the last line, {} in"
                + " all",
            why,
            since,
            total);
      }
    }
    return "not sent: the fisherman could not open a connection (" + why + ")";
  }

  /** Probes not sent for want of a connection since the client started. */
  long unsent() {
    return unsent.get();
  }

  /** The innermost cause's message: {@code Too many open files}, not Netty's wrappers. */
  static String why(Throwable cause) {
    Throwable root = cause;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof RejectedExecutionException) {
        return "event loop shut down";
      }
      root = t;
    }
    return Failures.message(root);
  }
}
