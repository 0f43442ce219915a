package dev.fisherman.core;

import dev.fisherman.core.reputation.Pool;
import dev.fisherman.core.reputation.Reputation;
import dev.fisherman.core.time.FishermanClock;
import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The selection table of each service (its servicers' URLs and the {@link Pool} selection draws
 * from), kept current off the request path: a selection draws from the table there is and, when a
 * round was recorded since it was made (and it is at least {@link #MIN_REFRESH_NANOS} old) or it is
 * older than {@link #MAX_AGE_NANOS}, asks {@code refresher} for a new one (refresh-ahead, one at a
 * time per service). Only a table made before a session of the service started or ended is rebuilt
 * on the caller's thread, since it may name servicers no active session holds; {@link
 * #sessionsChanged} has one made ahead so that is rare. A drawn servicer's state is looked at again
 * when it is drawn ({@link Reputation#draw}), so a servicer put in timeout since the pool was made
 * is never handed out.
 */
final class SelectionTables {
  /** How long a table may serve while nothing is recorded (old penalties decay). */
  static final long MAX_AGE_NANOS = 1_000_000_000L;

  /**
   * How young a table is made again at the earliest after a recorded round: rounds are recorded
   * about ten times a second with 100 sessions, a hundred times with 1,000, and each table is a
   * pass over every candidate; this bounds the passes to four a second per service.
   */
  static final long MIN_REFRESH_NANOS = 250_000_000L;

  /** The servicers of a service's active sessions and the pool made from them. */
  record Table(long sessionsVersion, Map<String, URI> urls, Pool pool) {}

  private final Reputation reputation;
  private final FishermanClock clock;
  private final Executor refresher;
  private final Function<String, Map<String, URI>> servicers;
  private final LongSupplier sessionsVersion;
  private final Map<String, Table> tables = new ConcurrentHashMap<>();
  // Services with a refresh asked for and not yet begun or still running.
  private final Set<String> asked = ConcurrentHashMap.newKeySet();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final AtomicLong builds = new AtomicLong();

  /**
   * @param servicers the URL of each servicer of a service's active sessions, by address (the
   *     newest session's URL first)
   * @param sessionsVersion a number that changes whenever a session starts or ends
   * @param refresher where tables are made ahead of the requests; never the caller's thread in
   *     production
   */
  SelectionTables(
      Reputation reputation,
      FishermanClock clock,
      Executor refresher,
      Function<String, Map<String, URI>> servicers,
      LongSupplier sessionsVersion) {
    this.reputation = Objects.requireNonNull(reputation, "reputation");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refresher = Objects.requireNonNull(refresher, "refresher");
    this.servicers = Objects.requireNonNull(servicers, "servicers");
    this.sessionsVersion = Objects.requireNonNull(sessionsVersion, "sessionsVersion");
  }

  /** The table to draw from for {@code service} now; asks for a fresher one when it is stale. */
  Table table(String service) {
    Table t = tables.get(service);
    if (t == null || t.sessionsVersion() != sessionsVersion.getAsLong()) {
      return build(service);
    }
    long age = clock.nanoTime() - t.pool().madeAtNanos();
    if (age >= MAX_AGE_NANOS
        || (age >= MIN_REFRESH_NANOS && t.pool().version() != reputation.version())) {
      refresh(service);
    }
    return t;
  }

  /** A session of {@code service} started or ended: its table is made again ahead of requests. */
  void sessionsChanged(String service) {
    refresh(service);
  }

  /** Tables made since this was created, on any thread. */
  long builds() {
    return builds.get();
  }

  private void refresh(String service) {
    if (!asked.add(service)) {
      return;
    }
    if (!running.add(service)) {
      // The refresh running now looks at asked again when it is done.
      return;
    }
    try {
      refresher.execute(() -> refreshWhileAsked(service));
    } catch (RejectedExecutionException closing) {
      running.remove(service);
      asked.remove(service);
    }
  }

  private void refreshWhileAsked(String service) {
    while (true) {
      try {
        while (asked.remove(service)) {
          build(service);
        }
      } finally {
        running.remove(service);
      }
      // Asked for between the last look and leaving: go again, unless another run took it.
      if (!asked.contains(service) || !running.add(service)) {
        return;
      }
    }
  }

  private Table build(String service) {
    // Versions read first: anything that changes meanwhile makes the table stale at once.
    long sessions = sessionsVersion.getAsLong();
    Table current = tables.get(service);
    // The servicers change only with the sessions: a round recorded leaves them as they were.
    // A HashMap, not Map.copyOf: every selection looks a drawn address up here, and the immutable
    // map's linear probing clusters on addresses that differ in their last characters (125 ns a
    // lookup against 5 ns with "servicer-0" to "servicer-999").
    Map<String, URI> urls =
        current != null && current.sessionsVersion() == sessions
            ? current.urls()
            : Collections.unmodifiableMap(new HashMap<>(servicers.apply(service)));
    Table made = new Table(sessions, urls, reputation.pool(urls.keySet()));
    builds.incrementAndGet();
    // Two builds may race (a caller's and a refresh): the later-made table stays.
    return tables.merge(service, made, (old, now) -> newer(now, old) ? now : old);
  }

  private static boolean newer(Table a, Table b) {
    if (a.sessionsVersion() != b.sessionsVersion()) {
      return a.sessionsVersion() > b.sessionsVersion();
    }
    if (a.pool().version() != b.pool().version()) {
      return a.pool().version() > b.pool().version();
    }
    return a.pool().madeAtNanos() - b.pool().madeAtNanos() >= 0;
  }
}
