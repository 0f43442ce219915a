package dev.fisherman.testkit.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * The faults a {@link FaultProxy} injects: per-direction shaping and a connection mode.
 *
 * @param upstream shaping of the bytes from the client to the target
 * @param downstream shaping of the bytes from the target back to the client
 * @param mode whether connections pass, are reset, or are swallowed
 */
public record Toxics(Direction upstream, Direction downstream, Mode mode) {

  /** Validates every field. */
  public Toxics {
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(downstream, "downstream");
    Objects.requireNonNull(mode, "mode");
  }

  /** What happens to a connection as a whole. */
  public enum Mode {
    /** Bytes are forwarded, shaped per direction. */
    PASS,
    /** Every connection, open or new, is reset (TCP RST) at once. */
    RESET,
    /** Connections are accepted and everything they send is swallowed; nothing comes back. */
    BLACKHOLE
  }

  /**
   * Shaping of one direction.
   *
   * @param latency added to every chunk of bytes
   * @param jitter upper bound of a uniform random extra delay per chunk
   * @param bytesPerSecond bandwidth limit, 0 for none
   * @param closeAfterBytes the connection closes once this direction forwarded this many bytes,
   *     {@link Long#MAX_VALUE} for never
   */
  public record Direction(
      Duration latency, Duration jitter, long bytesPerSecond, long closeAfterBytes) {

    /** Validates every field. */
    public Direction {
      if (latency == null || latency.isNegative()) {
        throw new IllegalArgumentException("latency: " + latency + " (expected: >= 0)");
      }
      if (jitter == null || jitter.isNegative()) {
        throw new IllegalArgumentException("jitter: " + jitter + " (expected: >= 0)");
      }
      if (bytesPerSecond < 0) {
        throw new IllegalArgumentException(
            "bytesPerSecond: " + bytesPerSecond + " (expected: >= 0, 0 for unlimited)");
      }
      if (closeAfterBytes < 0) {
        throw new IllegalArgumentException(
            "closeAfterBytes: " + closeAfterBytes + " (expected: >= 0)");
      }
    }

    /** No shaping at all. */
    public static Direction clean() {
      return new Direction(Duration.ZERO, Duration.ZERO, 0, Long.MAX_VALUE);
    }

    /** This direction with another added latency. */
    public Direction withLatency(Duration latency) {
      return new Direction(latency, jitter, bytesPerSecond, closeAfterBytes);
    }

    /** This direction with another jitter bound. */
    public Direction withJitter(Duration jitter) {
      return new Direction(latency, jitter, bytesPerSecond, closeAfterBytes);
    }

    /** This direction limited to {@code bytesPerSecond}. */
    public Direction withBandwidth(long bytesPerSecond) {
      return new Direction(latency, jitter, bytesPerSecond, closeAfterBytes);
    }

    /** This direction closing the connection after {@code bytes}. */
    public Direction closingAfter(long bytes) {
      return new Direction(latency, jitter, bytesPerSecond, bytes);
    }
  }

  /** A transparent proxy. */
  public static Toxics none() {
    return new Toxics(Direction.clean(), Direction.clean(), Mode.PASS);
  }

  /** Answers arrive {@code delay} late: latency on the downstream direction only. */
  public static Toxics latency(Duration delay) {
    return none().withDownstream(Direction.clean().withLatency(delay));
  }

  /** Every connection is reset. */
  public static Toxics reset() {
    return none().withMode(Mode.RESET);
  }

  /** Every connection is accepted and swallowed. */
  public static Toxics blackhole() {
    return none().withMode(Mode.BLACKHOLE);
  }

  /** These toxics with another upstream shaping. */
  public Toxics withUpstream(Direction upstream) {
    return new Toxics(upstream, downstream, mode);
  }

  /** These toxics with another downstream shaping. */
  public Toxics withDownstream(Direction downstream) {
    return new Toxics(upstream, downstream, mode);
  }

  /** These toxics with another connection mode. */
  public Toxics withMode(Mode mode) {
    return new Toxics(upstream, downstream, mode);
  }
}
