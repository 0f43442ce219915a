package dev.fisherman.core.reputation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.fisherman.core.probe.Finding;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.ReputationParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The reputation over a bounded Caffeine cache keyed by address: a servicer without observations
 * for {@code forget_after} is forgotten (expiry on the engine's ticker, maintenance on the calling
 * thread so it is deterministic under a manual clock).
 */
final class DefaultReputation implements Reputation {
  private final FishermanClock clock;
  private final ServicerRecord.Settings settings;
  private final Cache<String, ServicerRecord> records;
  private final ServicerRecord.Transitions transitions;
  private final AtomicLong version = new AtomicLong();

  DefaultReputation(
      ReputationParams params,
      QosParams qos,
      FishermanClock clock,
      long maxServicers,
      Consumer<TimeoutCause> onTimeout) {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(qos, "qos");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxServicers < 1) {
      throw new IllegalArgumentException("maxServicers: " + maxServicers + " (expected: >= 1)");
    }
    this.settings =
        new ServicerRecord.Settings(
            params.halfLife().toNanos(),
            params.latencyBand().toNanos(),
            qos.relayTimeout().toNanos(),
            params.timeout().toNanos(),
            params.integrityTimeout().toNanos(),
            params.probationProbes(),
            qos.minSamples(),
            qos.minAvailability());
    this.records =
        Caffeine.newBuilder()
            .ticker(clock::nanoTime)
            .executor(Runnable::run)
            .maximumSize(maxServicers)
            .expireAfterWrite(params.forgetAfter())
            .build();
    this.transitions = Objects.requireNonNull(onTimeout, "onTimeout")::accept;
  }

  @Override
  public void record(RoundResult round) {
    try {
      recordObservations(round);
    } finally {
      // After the records changed, so a pool made at the new version sees the changes.
      version.incrementAndGet();
    }
  }

  private void recordObservations(RoundResult round) {
    List<Observation> observations = round.observations();
    List<Finding> findings = round.findings();
    String service = round.service();
    // A round is recorded at one instant: the clock is read once for all its observations.
    long now = clock.nanoTime();
    Instant wall = clock.instant();
    for (int k = 0; k < observations.size(); k++) {
      Observation o = observations.get(k);
      if (!o.outcome().isJudged()) {
        continue;
      }
      Finding f = findings.get(k);
      // compute() is a write: it resets forget_after and keeps one record per address.
      records
          .asMap()
          .compute(
              o.servicer(),
              (address, r) -> {
                ServicerRecord rec = r != null ? r : new ServicerRecord(address, settings, now);
                rec.record(service, o, f, now, wall, transitions);
                return rec;
              });
    }
  }

  @Override
  public Optional<ServicerReputation> of(String address) {
    ServicerRecord r = records.getIfPresent(address);
    return r == null
        ? Optional.empty()
        : Optional.of(r.snapshot(clock.nanoTime(), clock.instant()));
  }

  @Override
  public Optional<ServicerReputation> brief(String address) {
    ServicerRecord r = records.getIfPresent(address);
    return r == null
        ? Optional.empty()
        : Optional.of(r.snapshot(clock.nanoTime(), clock.instant(), false));
  }

  @Override
  public List<ServicerReputation> select(
      Collection<String> candidates, int n, RandomGenerator random) {
    if (n < 1) {
      throw new IllegalArgumentException("n: " + n + " (expected: >= 1)");
    }
    return draw(pool(candidates), n, random);
  }

  @Override
  public long version() {
    return version.get();
  }

  @Override
  public Pool pool(Collection<String> candidates) {
    // Read the version first: a round recorded meanwhile makes this pool stale at once.
    long at = version.get();
    long now = clock.nanoTime();
    List<Selection.Candidate> eligible = new ArrayList<>();
    // A set names each address once already.
    Set<String> seen = candidates instanceof Set ? null : new HashSet<>();
    int bestBand = Integer.MAX_VALUE;
    for (String address : candidates) {
      ServicerRecord r = records.getIfPresent(address);
      Selection.Candidate c =
          r == null || (seen != null && !seen.add(address)) ? null : r.candidate(now);
      if (c != null && c.score() > 0) {
        eligible.add(c);
        bestBand = Math.min(bestBand, c.band());
      }
    }
    return new Pool(eligible, bestBand, at, now);
  }

  @Override
  public List<ServicerReputation> draw(Pool pool, int n, RandomGenerator random) {
    if (n < 1) {
      throw new IllegalArgumentException("n: " + n + " (expected: >= 1)");
    }
    long now = clock.nanoTime();
    Instant wall = clock.instant();
    List<Selection.Candidate> drawn = Selection.draw(pool.eligible, pool.cumulative, n, random);
    List<ServicerReputation> out = new ArrayList<>(drawn.size());
    for (int i = 0; i < drawn.size(); i++) {
      ServicerRecord r = records.getIfPresent(drawn.get(i).address());
      ServicerReputation standing = r == null ? null : r.snapshot(now, wall, false);
      // A round recorded since the pool was made may have put it in timeout: never hand it out.
      if (standing != null && standing.state() == ReputationState.OK) {
        out.add(standing);
      }
    }
    return out;
  }

  @Override
  public long count(String service, ReputationState state) {
    long now = clock.nanoTime();
    long n = 0;
    for (ServicerRecord r : records.asMap().values()) {
      if (r.seenIn(service) && r.state(now) == state) {
        n++;
      }
    }
    return n;
  }

  @Override
  public Map<ReputationState, Long> countByState(String service) {
    Map<ReputationState, Long> out = new EnumMap<>(ReputationState.class);
    for (ReputationState s : ReputationState.values()) {
      out.put(s, count(service, s));
    }
    return out;
  }

  @Override
  public long size() {
    records.cleanUp();
    return records.estimatedSize();
  }
}
