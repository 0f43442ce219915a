package dev.fisherman.daemon.source;

import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.daemon.health.CheckResult;
import dev.fisherman.daemon.metrics.DaemonMeters;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Service;
import dev.fisherman.genesis.Servicer;
import dev.fisherman.genesis.input.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions of the servicers genesis lists, back to back: session {@code n} covers {@code [t0 + n ×
 * L, t0 + (n + 1) × L)} where {@code L = blocks_per_session × block_time} and {@code t0} is the
 * start. The first session starts at once. Ids are {@code localnet-<n>}, or {@code
 * localnet-<n>-<service>} when genesis gives servicers to more than one service.
 *
 * <p>When the process stalls past whole periods, the missed sessions are skipped rather than
 * started late: their windows are already over.
 */
final class LocalnetSource implements SessionSource {
  static final String NAME = "localnet";

  /** {@code --source localnet}: the genesis servicers on the session cadence. */
  static final class Factory implements SourceFactory {
    @Override
    public String kind() {
      return NAME;
    }

    @Override
    public String usage() {
      return NAME;
    }

    @Override
    public boolean accepts(SourceSpec spec) {
      return spec.argument().isEmpty();
    }

    @Override
    public void validate(SourceSpec spec, Genesis genesis, SourceOptions options) {
      if (genesis.servicers().isEmpty()) {
        throw new IllegalArgumentException(
            "source: localnet (expected: a genesis that lists servicers)");
      }
    }

    @Override
    public SessionSource create(SourceSpec spec, SourceContext context) {
      return new LocalnetSource(
          context.genesis(), context.clock(), context.timer(), context.meters());
    }
  }

  private static final Logger log = LoggerFactory.getLogger(LocalnetSource.class);

  private final InstantSource clock;
  private final ScheduledExecutorService timer;
  private final DaemonMeters meters;
  private final Duration length;
  private final int blocksPerSession;
  private final Map<String, List<SessionServicer>> servicersByService;

  private final Object lock = new Object();
  private CountingSink sink;
  private Instant t0;
  private long lastPeriod = -1;
  private ScheduledFuture<?> next;
  private boolean closed;

  /**
   * A source for {@code genesis}'s servicers; the timer is the caller's and is not shut down here.
   *
   * @throws IllegalArgumentException if genesis lists no servicer for any service it defines
   */
  LocalnetSource(
      Genesis genesis, InstantSource clock, ScheduledExecutorService timer, DaemonMeters meters) {
    Objects.requireNonNull(genesis, "genesis");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timer = Objects.requireNonNull(timer, "timer");
    this.meters = Objects.requireNonNull(meters, "meters");
    this.length = genesis.params().session().sessionLength();
    this.blocksPerSession = genesis.params().session().blocksPerSession();
    this.servicersByService = byService(genesis);
    if (servicersByService.isEmpty()) {
      throw new IllegalArgumentException(
          "servicers: [] (expected: at least one servicer of a defined service for the localnet"
              + " source)");
    }
  }

  private static Map<String, List<SessionServicer>> byService(Genesis genesis) {
    Map<String, List<SessionServicer>> out = new LinkedHashMap<>();
    for (Service service : genesis.services()) {
      List<SessionServicer> list = new ArrayList<>();
      for (Servicer s : genesis.servicers()) {
        if (s.services().contains(service.id())) {
          list.add(new SessionServicer(s.address(), s.url()));
        }
      }
      if (!list.isEmpty()) {
        out.put(service.id(), List.copyOf(list));
      }
    }
    return out;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start(SessionSink sink) {
    Objects.requireNonNull(sink, "sink");
    synchronized (lock) {
      if (this.sink != null || closed) {
        throw new IllegalStateException("localnet source: already started or closed");
      }
      this.sink = new CountingSink(NAME, sink, meters);
      this.t0 = clock.instant();
    }
    log.info(
        "localnet: a session every {} for {} service(s): {}",
        Durations.format(length),
        servicersByService.size(),
        servicersByService.keySet());
    emitDue();
  }

  /** Starts the session of the current period if it has not started yet, then re-arms the timer. */
  void emitDue() {
    List<SessionStarted> due = new ArrayList<>();
    CountingSink target;
    synchronized (lock) {
      if (closed || sink == null) {
        return;
      }
      target = sink;
      Instant now = clock.instant();
      long period = Duration.between(t0, now).dividedBy(length);
      if (period > lastPeriod) {
        if (lastPeriod >= 0 && period > lastPeriod + 1) {
          log.warn("localnet: skipped {} session(s) whose window passed", period - lastPeriod - 1);
        }
        lastPeriod = period;
        due.addAll(sessions(period));
      }
      Instant nextStart = t0.plus(length.multipliedBy(lastPeriod + 1));
      long delayNanos = Math.max(1, Duration.between(now, nextStart).toNanos());
      next = timer.schedule(this::emitDueSafely, delayNanos, TimeUnit.NANOSECONDS);
    }
    for (SessionStarted s : due) {
      target.offer(s, NAME);
    }
  }

  private void emitDueSafely() {
    try {
      emitDue();
    } catch (RuntimeException e) {
      // Never let one failure end the cadence: the timer drops a task that throws.
      log.error("localnet: could not start the next session", e);
    }
  }

  private List<SessionStarted> sessions(long period) {
    Instant start = t0.plus(length.multipliedBy(period));
    Instant end = start.plus(length);
    List<SessionStarted> out = new ArrayList<>();
    for (Map.Entry<String, List<SessionServicer>> e : servicersByService.entrySet()) {
      String id =
          servicersByService.size() == 1
              ? "localnet-" + period
              : "localnet-" + period + "-" + e.getKey();
      out.add(
          new SessionStarted(
              id,
              e.getKey(),
              OptionalLong.of(period * blocksPerSession),
              OptionalLong.of((period + 1) * blocksPerSession),
              start,
              end,
              e.getValue()));
    }
    return out;
  }

  /** Delay until the timer fires next, for tests. */
  Duration nextDelay() {
    synchronized (lock) {
      return next == null ? Duration.ZERO : Duration.ofNanos(next.getDelay(TimeUnit.NANOSECONDS));
    }
  }

  @Override
  public CheckResult check() {
    synchronized (lock) {
      if (closed) {
        return CheckResult.failed("closed");
      }
      return sink == null ? CheckResult.failed("not started") : CheckResult.OK;
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (next != null) {
        next.cancel(false);
      }
    }
  }
}
