package dev.fisherman.daemon.sim;

import java.time.Duration;

/**
 * How a {@link SimulatedServicer} answers: a delay with jitter, a fraction of failed requests and
 * which failure, and how many blocks it lags behind the chain head.
 *
 * <p>Every answer, failed or not, waits {@code delay} plus a uniform random extra in {@code [0,
 * jitter)}. A request fails with probability {@code failureFraction}, the way {@code failure} says.
 *
 * @param delay the fixed part of the answer delay
 * @param jitter the upper bound of the uniform random extra delay
 * @param failureFraction the probability that a request fails, in {@code [0, 1]}
 * @param failure how a failing request fails
 * @param httpStatus the status a {@link Failure#HTTP_STATUS} failure answers with
 * @param hugeBodyBytes the body size of a {@link Failure#HUGE_BODY} failure
 * @param heightLag how many blocks the reported height lags behind the chain head
 * @param forkFrom the first height whose block hash differs from the other servicers' ({@link
 *     Long#MAX_VALUE}: never)
 * @param chainId what {@code eth_chainId} answers
 */
public record Behaviour(
    Duration delay,
    Duration jitter,
    double failureFraction,
    Failure failure,
    int httpStatus,
    long hugeBodyBytes,
    long heightLag,
    long forkFrom,
    String chainId) {

  /** The chain id simulated servicers answer unless told otherwise (1337, a local chain). */
  public static final String DEFAULT_CHAIN_ID = "0x539";

  private static final long DEFAULT_HUGE_BODY_BYTES = 4L * 1024 * 1024;

  /** Validates every field. */
  public Behaviour {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("delay: " + delay + " (expected: >= 0)");
    }
    if (jitter == null || jitter.isNegative()) {
      throw new IllegalArgumentException("jitter: " + jitter + " (expected: >= 0)");
    }
    if (!(failureFraction >= 0.0 && failureFraction <= 1.0)) {
      throw new IllegalArgumentException(
          "failureFraction: " + failureFraction + " (expected: between 0 and 1)");
    }
    if (failure == null) {
      throw new IllegalArgumentException("failure: null (expected: a failure kind)");
    }
    if (httpStatus < 100 || httpStatus > 599) {
      throw new IllegalArgumentException(
          "httpStatus: " + httpStatus + " (expected: between 100 and 599)");
    }
    if (hugeBodyBytes < 1) {
      throw new IllegalArgumentException("hugeBodyBytes: " + hugeBodyBytes + " (expected: >= 1)");
    }
    if (heightLag < 0) {
      throw new IllegalArgumentException("heightLag: " + heightLag + " (expected: >= 0)");
    }
    if (forkFrom < 0) {
      throw new IllegalArgumentException("forkFrom: " + forkFrom + " (expected: >= 0)");
    }
    if (chainId == null || chainId.isEmpty()) {
      throw new IllegalArgumentException("chainId: " + chainId + " (expected: a chain id)");
    }
  }

  /** The behaviour of the earlier shape: no fork, the default chain. */
  public Behaviour(
      Duration delay,
      Duration jitter,
      double failureFraction,
      Failure failure,
      int httpStatus,
      long hugeBodyBytes,
      long heightLag) {
    this(
        delay,
        jitter,
        failureFraction,
        failure,
        httpStatus,
        hugeBodyBytes,
        heightLag,
        Long.MAX_VALUE,
        DEFAULT_CHAIN_ID);
  }

  /** Answers every request at once with the current height. */
  public static Behaviour healthy() {
    return new Behaviour(
        Duration.ZERO, Duration.ZERO, 0.0, Failure.HTTP_STATUS, 503, DEFAULT_HUGE_BODY_BYTES, 0);
  }

  /** Answers every request correctly after {@code delay}. */
  public static Behaviour slow(Duration delay) {
    return healthy().withDelay(delay);
  }

  /** Answers a {@code fraction} of requests with HTTP 503 and the rest correctly. */
  public static Behaviour flaky(double fraction) {
    return healthy().failing(fraction, Failure.HTTP_STATUS);
  }

  /** Fails every request the way {@code failure} says. */
  public static Behaviour always(Failure failure) {
    return healthy().failing(1.0, failure);
  }

  /** This behaviour with another fixed delay. */
  public Behaviour withDelay(Duration delay) {
    return new Behaviour(
        delay,
        jitter,
        failureFraction,
        failure,
        httpStatus,
        hugeBodyBytes,
        heightLag,
        forkFrom,
        chainId);
  }

  /** This behaviour with another jitter bound. */
  public Behaviour withJitter(Duration jitter) {
    return new Behaviour(
        delay,
        jitter,
        failureFraction,
        failure,
        httpStatus,
        hugeBodyBytes,
        heightLag,
        forkFrom,
        chainId);
  }

  /** This behaviour failing a {@code fraction} of requests the way {@code failure} says. */
  public Behaviour failing(double fraction, Failure failure) {
    return new Behaviour(
        delay, jitter, fraction, failure, httpStatus, hugeBodyBytes, heightLag, forkFrom, chainId);
  }

  /** This behaviour with another status for {@link Failure#HTTP_STATUS}. */
  public Behaviour withHttpStatus(int httpStatus) {
    return new Behaviour(
        delay,
        jitter,
        failureFraction,
        failure,
        httpStatus,
        hugeBodyBytes,
        heightLag,
        forkFrom,
        chainId);
  }

  /** This behaviour with another body size for {@link Failure#HUGE_BODY}. */
  public Behaviour withHugeBodyBytes(long hugeBodyBytes) {
    return new Behaviour(
        delay,
        jitter,
        failureFraction,
        failure,
        httpStatus,
        hugeBodyBytes,
        heightLag,
        forkFrom,
        chainId);
  }

  /** This behaviour reporting a height {@code heightLag} blocks behind the chain head. */
  public Behaviour withHeightLag(long heightLag) {
    return new Behaviour(
        delay,
        jitter,
        failureFraction,
        failure,
        httpStatus,
        hugeBodyBytes,
        heightLag,
        forkFrom,
        chainId);
  }

  /** This behaviour on a fork: block hashes from {@code height} on differ from the others'. */
  public Behaviour forkedFrom(long height) {
    return new Behaviour(
        delay,
        jitter,
        failureFraction,
        failure,
        httpStatus,
        hugeBodyBytes,
        heightLag,
        height,
        chainId);
  }

  /** This behaviour serving chain {@code id} ({@code eth_chainId}; its block hashes differ). */
  public Behaviour onChain(String id) {
    return new Behaviour(
        delay,
        jitter,
        failureFraction,
        failure,
        httpStatus,
        hugeBodyBytes,
        heightLag,
        forkFrom,
        id);
  }
}
