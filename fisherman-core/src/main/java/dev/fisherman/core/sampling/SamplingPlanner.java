package dev.fisherman.core.sampling;

import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.QosParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Draws the round instants of a session from genesis {@code params.qos} and private randomness.
 *
 * <p>A servicer that could predict probe instants could serve only the probes well, so every
 * distribution except {@code fixed} draws from the given generator, which must be private to the
 * fisherman ({@link java.security.SecureRandom} in production). The window sampled is {@code [start
 * + start_delay, end)}; instants have nanosecond resolution.
 *
 * <ul>
 *   <li>{@code stratified}: the window is cut into N equal slots and exactly one instant is drawn
 *       uniformly inside each slot: even coverage, unpredictable inside a slot;
 *   <li>{@code uniform}: N independent uniform instants, sorted;
 *   <li>{@code poisson}: N exponential gaps at rate N / window from the window start; instants that
 *       fall past the end of the window are dropped, so a plan holds N or fewer rounds (on average
 *       about {@code N − 0.4·sqrt(N)});
 *   <li>{@code fixed}: the midpoints of the N slots, evenly spaced and therefore predictable.
 * </ul>
 */
public final class SamplingPlanner {
  private SamplingPlanner() {}

  /** The plan of a session running from {@code start} to {@code end} under {@code qos}. */
  public static SamplingPlan plan(
      QosParams qos, Instant start, Instant end, RandomGenerator random) {
    Objects.requireNonNull(qos, "qos");
    return plan(
        qos.distribution(), qos.probesPerSession(), start.plus(qos.startDelay()), end, random);
  }

  /**
   * The most rounds a window of {@code window} holds when rounds are at least {@code spacing}
   * apart: {@code window / spacing} (none for a window shorter than {@code spacing}), or unbounded
   * for a non-empty window when {@code spacing} is zero.
   */
  public static int maxRounds(Duration window, Duration spacing) {
    if (window.isNegative() || window.isZero()) {
      return 0;
    }
    if (spacing.isZero() || spacing.isNegative()) {
      return Integer.MAX_VALUE;
    }
    long n = window.toNanos() / Math.max(1, spacing.toNanos());
    return (int) Math.min(Integer.MAX_VALUE, n);
  }

  /**
   * {@code plan} with at least {@code spacing} between consecutive rounds: an instant closer than
   * that to the round before is moved to {@code spacing} after it, and rounds moved past the end of
   * the window are dropped. A plan already spaced comes back unchanged.
   */
  public static SamplingPlan spaced(SamplingPlan plan, Duration spacing) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(spacing, "spacing");
    if (spacing.isZero() || spacing.isNegative() || plan.rounds() < 2) {
      return plan;
    }
    List<Instant> out = new ArrayList<>(plan.rounds());
    Instant previous = null;
    for (Instant i : plan.instants()) {
      Instant at =
          previous == null || !i.isBefore(previous.plus(spacing)) ? i : previous.plus(spacing);
      if (!at.isBefore(plan.to())) {
        break;
      }
      out.add(at);
      previous = at;
    }
    return out.size() == plan.rounds() && out.equals(plan.instants())
        ? plan
        : new SamplingPlan(plan.from(), plan.to(), out);
  }

  /**
   * The plan of {@code rounds} instants drawn by {@code distribution} inside {@code [from, to)}. An
   * empty window ({@code from >= to}) yields an empty plan.
   */
  public static SamplingPlan plan(
      Distribution distribution, int rounds, Instant from, Instant to, RandomGenerator random) {
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(random, "random");
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds: " + rounds + " (expected: >= 1)");
    }
    if (!from.isBefore(to)) {
      return new SamplingPlan(from, to, List.of());
    }
    long window = Duration.between(from, to).toNanos();
    long[] offsets =
        switch (distribution) {
          case STRATIFIED -> stratified(rounds, window, random);
          case UNIFORM -> uniform(rounds, window, random);
          case POISSON -> poisson(rounds, window, random);
          case FIXED -> fixed(rounds, window);
        };
    List<Instant> instants = new ArrayList<>(offsets.length);
    for (long offset : offsets) {
      instants.add(from.plusNanos(offset));
    }
    return new SamplingPlan(from, to, instants);
  }

  /** Start of slot {@code i} of {@code n} over {@code window} nanoseconds. */
  static long slotStart(int i, int n, long window) {
    if (i == n) {
      return window;
    }
    // double keeps whole nanoseconds exact for windows up to ~104 days and cannot overflow.
    return (long) Math.floor((double) window * i / n);
  }

  private static long[] stratified(int n, long window, RandomGenerator random) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long lo = slotStart(i, n, window);
      long hi = slotStart(i + 1, n, window);
      out[i] = hi > lo ? lo + random.nextLong(hi - lo) : lo;
    }
    return out;
  }

  private static long[] uniform(int n, long window, RandomGenerator random) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = random.nextLong(window);
    }
    Arrays.sort(out);
    return out;
  }

  private static long[] poisson(int n, long window, RandomGenerator random) {
    double meanGap = (double) window / n;
    long[] out = new long[n];
    int kept = 0;
    double t = 0;
    for (int i = 0; i < n; i++) {
      t += random.nextExponential() * meanGap;
      if (t >= window) {
        break;
      }
      out[kept++] = (long) t;
    }
    return Arrays.copyOf(out, kept);
  }

  private static long[] fixed(int n, long window) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = (long) Math.floor((double) window * (2L * i + 1) / (2L * n));
    }
    return out;
  }
}
