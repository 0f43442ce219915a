package dev.fisherman.core.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.fisherman.core.sampling.SamplingPlan;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.genesis.QosParams;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ephemeral session store on Caffeine: one entry per session, kept {@code retention_sessions}
 * session lengths after the session's end and bounded by a total number of servicer records, so a
 * flood of sessions evicts old ones instead of exhausting the heap. Active sessions weigh nothing
 * and are never evicted; they count once they end.
 *
 * <p>Time comes from the given clock through a Caffeine {@link Ticker}; maintenance runs on the
 * calling thread so that expiry is deterministic under a test clock.
 */
final class CaffeineSessionStore implements WritableSessionStore {
  private static final Comparator<SessionSummary> NEWEST_FIRST =
      Comparator.comparing(SessionSummary::startsAt)
          .reversed()
          .thenComparing(SessionSummary::sessionId);

  /**
   * How many distinct servicer addresses and URLs the store shares across its sessions: the
   * servicers of a large network, and at most ~6 MiB kept after their sessions have left.
   */
  static final int SHARED_SERVICERS = 8_192;

  private final QosParams qos;
  private final Cache<String, SessionRecord> cache;
  private final Interner<String> addresses = new Interner<>(SHARED_SERVICERS);
  // By the URL as written, which the admin API and exports show.
  private final Interner<URI> urls = new Interner<>(SHARED_SERVICERS, URI::toString);

  /**
   * A store for sessions sampled under {@code qos}.
   *
   * @param maxRecords upper bound on servicer records held (each session weighs its servicer count
   *     + 1)
   * @param registry where the Caffeine statistics are bound, under the {@code cache} tag {@code
   *     cacheName}
   */
  CaffeineSessionStore(
      QosParams qos,
      InstantSource clock,
      long maxRecords,
      MeterRegistry registry,
      String cacheName) {
    this.qos = Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(cacheName, "cacheName");
    if (maxRecords < 1) {
      throw new IllegalArgumentException("maxRecords: " + maxRecords + " (expected: >= 1)");
    }
    Ticker ticker = () -> toNanos(clock.instant());
    int retention = qos.retentionSessions();
    this.cache =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(Runnable::run)
            .maximumWeight(maxRecords)
            .weigher((String id, SessionRecord r) -> r.weight())
            .expireAfter(
                Expiry.creating(
                    (String id, SessionRecord r) -> {
                      // Lives until end + retention × length, counted from its start.
                      Instant expiresAt = r.startsAt().plus(r.lifetimeFromStart(retention));
                      Duration left = Duration.between(clock.instant(), expiresAt);
                      return left.isNegative() ? Duration.ZERO : left;
                    }))
            .recordStats()
            .build();
    CaffeineCacheMetrics.monitor(registry, cache, cacheName, Tags.empty());
  }

  private static long toNanos(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
  }

  /**
   * Opens the record of {@code session}, planned as {@code plan}; returns the existing record when
   * the session is already stored.
   */
  @Override
  public SessionRecord open(SessionStarted session, SamplingPlan plan) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(plan, "plan");
    return cache.get(
        session.sessionId(),
        id -> {
          SessionRecord r = new SessionRecord(session, plan, qos, addresses, urls);
          // Re-weighed once ended: from then on it counts against the bound and may be evicted.
          r.onEnd(() -> cache.asMap().replace(id, r, r));
          return r;
        });
  }

  /** The record of a retained session. */
  Optional<SessionRecord> record(String sessionId) {
    return Optional.ofNullable(cache.getIfPresent(sessionId));
  }

  @Override
  public boolean contains(String sessionId) {
    return cache.asMap().containsKey(sessionId);
  }

  @Override
  public long weight() {
    cache.cleanUp();
    return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
  }

  @Override
  public List<SessionSummary> sessions() {
    cache.cleanUp();
    List<SessionSummary> out = new ArrayList<>();
    for (SessionRecord r : cache.asMap().values()) {
      out.add(r.summary());
    }
    out.sort(NEWEST_FIRST);
    return out;
  }

  @Override
  public Optional<SessionReport> session(String sessionId) {
    return record(sessionId).map(SessionRecord::report);
  }

  @Override
  public Optional<SessionSummary> summary(String sessionId) {
    return record(sessionId).map(SessionRecord::summary);
  }

  @Override
  public Optional<ServicerDetail> servicer(String sessionId, String address) {
    return record(sessionId).flatMap(r -> r.servicer(address));
  }

  @Override
  public List<ServicerDetail> servicerAcrossSessions(String address) {
    cache.cleanUp();
    List<SessionRecord> records = new ArrayList<>(cache.asMap().values());
    records.sort(
        Comparator.comparing(SessionRecord::startsAt)
            .reversed()
            .thenComparing(SessionRecord::sessionId));
    List<ServicerDetail> out = new ArrayList<>();
    for (SessionRecord r : records) {
      r.servicer(address).ifPresent(out::add);
    }
    return out;
  }

  @Override
  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
