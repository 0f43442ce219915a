package dev.fisherman.daemon.admin;

import dev.fisherman.core.ranking.Ranking;
import dev.fisherman.core.time.FishermanClock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The ranking of each service as of a moment, so a request only cuts and renders it: a view younger
 * than {@link #REFRESH_AFTER_NANOS} is served as is; an older one is still served while {@code
 * refresher} makes the next (one at a time per service); only a view older than {@link
 * #MAX_AGE_NANOS}, or none (the first request, or the first after a quiet second), is made on the
 * caller's thread. An answer is thus never older than {@link #MAX_AGE_NANOS}, and while requests
 * come at least every half second none of them orders the servicers itself. A view is dropped once
 * it is too old to serve, so a quiet admin port holds no servicer's figures.
 */
final class RankingViews {
  /** Age at which a view is made again ahead of the requests. */
  static final long REFRESH_AFTER_NANOS = 500_000_000L;

  /** Age beyond which a view is never served. */
  static final long MAX_AGE_NANOS = 1_000_000_000L;

  /** One service's servicers in ranking order as of {@code asOf}. */
  record View(Ranking.Ordered ordered, Instant asOf, long madeAtNanos) {
    View {
      Objects.requireNonNull(ordered, "ordered");
      Objects.requireNonNull(asOf, "asOf");
    }
  }

  /** Runs a task after a delay on the ticker; never on an event loop. */
  @FunctionalInterface
  interface Later {
    void after(long nanos, Runnable task);
  }

  private final Function<String, Ranking.Ordered> order;
  private final FishermanClock clock;
  private final Executor refresher;
  private final Later later;
  private final Map<String, View> views = new ConcurrentHashMap<>();
  private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

  /**
   * @param order orders a service's servicers now (the whole work of a ranking)
   * @param refresher where views are made ahead of the requests; never an event loop
   * @param later where views too old to serve are dropped
   */
  RankingViews(
      Function<String, Ranking.Ordered> order,
      FishermanClock clock,
      Executor refresher,
      Later later) {
    this.order = Objects.requireNonNull(order, "order");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refresher = Objects.requireNonNull(refresher, "refresher");
    this.later = Objects.requireNonNull(later, "later");
  }

  /** The view of {@code service} to answer from now, at most {@link #MAX_AGE_NANOS} old. */
  View view(String service) {
    View v = views.get(service);
    long age = v == null ? Long.MAX_VALUE : clock.nanoTime() - v.madeAtNanos();
    if (age >= MAX_AGE_NANOS) {
      return make(service);
    }
    if (age >= REFRESH_AFTER_NANOS && refreshing.add(service)) {
      try {
        refresher.execute(
            () -> {
              try {
                make(service);
              } finally {
                refreshing.remove(service);
              }
            });
      } catch (RejectedExecutionException closing) {
        refreshing.remove(service);
      }
    }
    return v;
  }

  private View make(String service) {
    // Read before ordering: the view is as of the moment its inputs were read.
    long at = clock.nanoTime();
    Instant asOf = clock.instant();
    View made = new View(order.apply(service), asOf, at);
    // A view made on the caller's thread and one made ahead may race: the later-made one stays.
    View kept =
        views.merge(
            service, made, (old, now) -> now.madeAtNanos() - old.madeAtNanos() >= 0 ? now : old);
    if (kept == made) {
      try {
        later.after(MAX_AGE_NANOS, () -> views.remove(service, made));
      } catch (RejectedExecutionException closing) {
        // Closing: the views go with this.
      }
    }
    return kept;
  }

  /** Services with a view held now. */
  int held() {
    return views.size();
  }
}
