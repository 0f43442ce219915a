package dev.fisherman.core.store;

import dev.fisherman.core.probe.Attestation;
import dev.fisherman.core.probe.Finding;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.core.qos.CheckFigures;
import dev.fisherman.core.qos.Interval;
import dev.fisherman.core.qos.LatencySummary;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.qos.Verdicts;
import dev.fisherman.genesis.QosParams;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The running QoS of one servicer in one session. Written from event loops, read by snapshots;
 * every access holds this object's monitor (writers to one aggregate almost always share one event
 * loop, so the lock is uncontended).
 *
 * <p>Compact by design, because a store holds many of these: ok latencies are an {@code int[]} of
 * microseconds sized to the plan, kept sorted as they arrive (so a snapshot reads exact percentiles
 * without copying or sorting: admin reads of large sessions do not grow with their probes), and the
 * last observations are packed into a small ring of primitives. What most servicers never have (a
 * detail text, a JSON-RPC error code, an attestation) gets its ring slots only once one arrives.
 * The address and URL are shared with the servicer's records in other sessions (see {@link
 * Interner}).
 */
final class ServicerAggregate {
  /** How many recent observations a servicer keeps. */
  static final int RING = 5;

  /** The unsorted ok latencies a servicer gathers at least before they are merged in. */
  private static final int FOLD_MIN = 16;

  private static final Outcome[] OUTCOMES = Outcome.values();
  private static final int OK = Outcome.OK.ordinal();
  private static final int CANCELLED = Outcome.CANCELLED.ordinal();
  private static final int EXCLUDED = Outcome.EXCLUDED.ordinal();
  // Ring slot layout, in longs.
  private static final int SLOT = 6;
  private static final int HEAD = 0; // round | outcome << 32 | has rpc code << 40 | status+1 << 48
  private static final int LATENESS = 1;
  private static final int CONNECT = 2; // -1 when none
  private static final int FIRST_BYTE = 3; // -1 when none
  private static final int TOTAL = 4;
  private static final int HEIGHT = 5; // -1 when none

  final String address;
  final URI url;
  private final int capacity;
  // Observations per outcome other than ok (okCount counts those); null until the first one.
  private int[] counts;
  // [0, okSorted) ascending, [okSorted, okCount) in arrival order until fold() merges it in;
  // okSum is their total, for the mean.
  private int[] okMicros;
  private int okCount;
  private int okSorted;
  private long okSum;
  private long maxHeight = -1;
  private long[] ring;
  // Allocated with the first non-empty detail, rpc code or attestation; null slots mean none.
  private String[] details;
  private long[] rpcCodes;
  private Attestation[] attestations;
  private int ringNext;
  private int ringSize;
  // At most one judgement per round, and rounds are counted in ints.
  private int syncJudged;
  private int behind;
  private int ahead;
  private long lastBehind = Long.MIN_VALUE;
  private int integrityJudged;
  private int disagreed;
  private String chainId;
  private boolean chainJudged;
  private boolean chainMismatch;

  ServicerAggregate(String address, URI url, int plannedProbes) {
    this.address = address;
    this.url = url;
    this.capacity = Math.max(1, plannedProbes);
  }

  synchronized void record(Observation o) {
    int outcome = o.outcome().ordinal();
    if (o.outcome() != Outcome.OK) {
      countOther(outcome, 1);
    } else {
      if (okMicros == null) {
        okMicros = new int[capacity];
      } else if (okCount == okMicros.length) {
        okMicros = Arrays.copyOf(okMicros, okMicros.length * 2);
      }
      int micros = (int) Math.min(Integer.MAX_VALUE, Math.max(0, o.totalNanos() / 1_000));
      okMicros[okCount++] = micros;
      okSum += micros;
      // The unsorted tail is folded in once it is a quarter of the sorted part: O(log n) a
      // record, amortised, however many probes a plan has.
      if (okCount - okSorted > Math.max(FOLD_MIN, okSorted >> 2)) {
        fold();
      }
    }
    if (o.blockHeight().isPresent()) {
      maxHeight = Math.max(maxHeight, o.blockHeight().getAsLong());
    }
    if (o.facts().chainId().isPresent()) {
      chainId = o.facts().chainId().get();
    }
    if (ring == null) {
      ring = new long[RING * SLOT];
    }
    int base = ringNext * SLOT;
    int status = o.httpStatus().orElse(-1) + 1;
    ring[base + HEAD] =
        (o.round() & 0xFFFF_FFFFL)
            | ((long) outcome << 32)
            | (o.rpcErrorCode().isPresent() ? 1L << 40 : 0)
            | ((long) (status & 0xFFFF) << 48);
    ring[base + LATENESS] = o.latenessNanos();
    ring[base + CONNECT] = o.connectNanos().orElse(-1);
    ring[base + FIRST_BYTE] = o.firstByteNanos().orElse(-1);
    ring[base + TOTAL] = o.totalNanos();
    ring[base + HEIGHT] = o.blockHeight().orElse(-1);
    if (!o.detail().isEmpty() && details == null) {
      details = new String[RING];
    }
    if (details != null) {
      details[ringNext] = o.detail().isEmpty() ? null : o.detail();
    }
    if (o.rpcErrorCode().isPresent() && rpcCodes == null) {
      rpcCodes = new long[RING];
    }
    if (rpcCodes != null) {
      rpcCodes[ringNext] = o.rpcErrorCode().orElse(0);
    }
    if (o.attestation().isPresent() && attestations == null) {
      // Only sessions with signed answers pay for the slot.
      attestations = new Attestation[RING];
    }
    if (attestations != null) {
      attestations[ringNext] = o.attestation().orElse(null);
    }
    ringNext = (ringNext + 1) % RING;
    ringSize = Math.min(RING, ringSize + 1);
  }

  /** Sorts the unsorted tail of the ok latencies and merges it into the sorted part. */
  private void fold() {
    int k = okCount - okSorted;
    if (k == 0) {
      return;
    }
    int[] tail = Arrays.copyOfRange(okMicros, okSorted, okCount);
    Arrays.sort(tail);
    // Backwards, so the merge needs no room beyond the tail's copy.
    int i = okSorted - 1;
    int j = k - 1;
    int w = okCount - 1;
    while (j >= 0) {
      okMicros[w--] = i >= 0 && okMicros[i] > tail[j] ? okMicros[i--] : tail[j--];
    }
    okSorted = okCount;
  }

  /** Adds what a round's judges found about this servicer. */
  synchronized void judged(Finding f) {
    if (f.sync() != Finding.Sync.NONE) {
      syncJudged++;
      behind += f.sync() == Finding.Sync.BEHIND ? 1 : 0;
      ahead += f.sync() == Finding.Sync.AHEAD ? 1 : 0;
      lastBehind = f.blocksBehind().orElse(Long.MIN_VALUE);
    }
    if (f.integrity() != Finding.Integrity.NONE) {
      integrityJudged++;
      disagreed += f.integrity() == Finding.Integrity.DISAGREED ? 1 : 0;
    }
    if (f.chain() != Finding.Chain.NONE) {
      chainJudged = true;
      chainMismatch |= f.chain() == Finding.Chain.MISMATCH;
    }
  }

  /** Counts {@code n} probes that never ran (their rounds were cancelled). */
  synchronized void cancelled(int n) {
    countOther(CANCELLED, n);
  }

  private void countOther(int outcome, int n) {
    if (counts == null) {
      counts = new int[OUTCOMES.length];
    }
    counts[outcome] += n;
  }

  /** Observations per outcome, ok included. */
  private int[] outcomeCounts() {
    int[] c = counts == null ? new int[OUTCOMES.length] : counts.clone();
    c[OK] = okCount;
    return c;
  }

  /** Observations recorded so far, cancelled ones included. */
  synchronized long probes() {
    long sum = okCount;
    if (counts != null) {
      for (int c : counts) {
        sum += c;
      }
    }
    return sum;
  }

  ServicerQos snapshot(QosParams qos) {
    int[] c;
    Optional<LatencySummary> latency = Optional.empty();
    int okSamples;
    long height;
    long last;
    CheckFigures checks;
    synchronized (this) {
      c = outcomeCounts();
      okSamples = okCount;
      fold();
      if (okCount > 0) {
        latency = Optional.of(summarize(okMicros, okCount, okSum));
      }
      height = maxHeight;
      last = lastBehind;
      checks =
          new CheckFigures(
              syncJudged,
              behind,
              ahead,
              integrityJudged,
              disagreed,
              Optional.ofNullable(chainId),
              chainMismatch,
              chainJudged);
    }
    long probes = 0;
    Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    for (int i = 0; i < c.length; i++) {
      probes += c[i];
      if (c[i] > 0) {
        outcomes.put(OUTCOMES[i], (long) c[i]);
      }
    }
    long ok = c[OK];
    long trials = probes - c[CANCELLED] - c[EXCLUDED];
    OptionalDouble availability = OptionalDouble.empty();
    Optional<Interval> ci = Optional.empty();
    Verdicts.Available available = Verdicts.Available.UNKNOWN;
    if (trials > 0) {
      double a = (double) ok / trials;
      availability = OptionalDouble.of(a);
      ci = Optional.of(Interval.wilson95(ok, trials));
      if (trials >= qos.minSamples()) {
        available = a >= qos.minAvailability() ? Verdicts.Available.YES : Verdicts.Available.NO;
      }
    }
    Verdicts.Latency latencyVerdict = Verdicts.Latency.UNKNOWN;
    if (latency.isPresent() && okSamples >= qos.minSamples()) {
      double highMs = qos.highLatency().toNanos() / 1e6;
      latencyVerdict = latency.get().p50() >= highMs ? Verdicts.Latency.HIGH : Verdicts.Latency.LOW;
    }
    return new ServicerQos(
        address,
        url,
        probes,
        outcomes,
        availability,
        ci,
        latency,
        new Verdicts(
            available,
            latencyVerdict,
            synced(checks, qos.minSamples()),
            consistent(checks),
            chain(checks)),
        height >= 0 ? OptionalLong.of(height) : OptionalLong.empty(),
        last == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(last),
        checks);
  }

  /**
   * {@code no} when off the head (behind or ahead) in most judged rounds, once {@code minSamples}
   * rounds are judged.
   */
  static Verdicts.Check synced(CheckFigures c, int minSamples) {
    if (c.syncJudged() < minSamples) {
      return Verdicts.Check.UNKNOWN;
    }
    return 2 * (c.behind() + c.ahead()) > c.syncJudged() ? Verdicts.Check.NO : Verdicts.Check.YES;
  }

  /** {@code no} after any disagreement; {@code yes} once an integrity round judged it. */
  static Verdicts.Check consistent(CheckFigures c) {
    if (c.disagreed() > 0) {
      return Verdicts.Check.NO;
    }
    return c.integrityJudged() > 0 ? Verdicts.Check.YES : Verdicts.Check.UNKNOWN;
  }

  /** {@code no} after a mismatch; {@code yes} once a chain round judged it. */
  static Verdicts.Check chain(CheckFigures c) {
    if (c.chainMismatch()) {
      return Verdicts.Check.NO;
    }
    return c.chainJudged() ? Verdicts.Check.YES : Verdicts.Check.UNKNOWN;
  }

  /**
   * Exact nearest-rank percentiles, in milliseconds, of the first {@code n} microsecond samples of
   * {@code sorted} (ascending), whose total is {@code sum}.
   */
  static LatencySummary summarize(int[] sorted, int n, long sum) {
    return new LatencySummary(
        sorted[0] / 1e3,
        percentile(sorted, n, 50) / 1e3,
        percentile(sorted, n, 90) / 1e3,
        percentile(sorted, n, 99) / 1e3,
        sorted[n - 1] / 1e3,
        (double) sum / n / 1e3);
  }

  /** The nearest-rank percentile: the smallest sample with at least p% of samples at or below. */
  private static int percentile(int[] sorted, int n, int p) {
    int rank = (int) Math.ceil(p / 100.0 * n);
    return sorted[Math.max(0, rank - 1)];
  }

  /** The last observations, oldest first. */
  List<Observation> lastObservations(String sessionId, List<Instant> instants) {
    long[] r;
    String[] d;
    long[] codes;
    Attestation[] a;
    int next;
    int size;
    synchronized (this) {
      if (ring == null) {
        return List.of();
      }
      r = ring.clone();
      d = details == null ? null : details.clone();
      codes = rpcCodes == null ? null : rpcCodes.clone();
      a = attestations == null ? null : attestations.clone();
      next = ringNext;
      size = ringSize;
    }
    List<Observation> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int slot = Math.floorMod(next - size + i, RING);
      int base = slot * SLOT;
      long head = r[base + HEAD];
      int round = (int) (head & 0xFFFF_FFFFL);
      Outcome outcome = OUTCOMES[(int) ((head >>> 32) & 0xFF)];
      boolean hasRpc = ((head >>> 40) & 1) != 0;
      int status = (int) ((head >>> 48) & 0xFFFF) - 1;
      long connect = r[base + CONNECT];
      long firstByte = r[base + FIRST_BYTE];
      long height = r[base + HEIGHT];
      out.add(
          new Observation(
              sessionId,
              address,
              round,
              round < instants.size() ? instants.get(round) : Instant.EPOCH,
              r[base + LATENESS],
              connect >= 0 ? OptionalLong.of(connect) : OptionalLong.empty(),
              firstByte >= 0 ? OptionalLong.of(firstByte) : OptionalLong.empty(),
              r[base + TOTAL],
              outcome,
              status >= 0 ? OptionalInt.of(status) : OptionalInt.empty(),
              hasRpc ? OptionalLong.of(codes[slot]) : OptionalLong.empty(),
              height >= 0 ? ProbeFacts.height(height) : ProbeFacts.NONE,
              d == null || d[slot] == null ? "" : d[slot],
              Optional.ofNullable(a == null ? null : a[slot])));
    }
    return out;
  }
}
