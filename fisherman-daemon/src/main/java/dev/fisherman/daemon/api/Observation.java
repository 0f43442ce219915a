package dev.fisherman.daemon.api;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** One probe: when it was meant to go and went, how long each phase took, how it ended. */
public record Observation(
    int round,
    String outcome,
    Instant intendedAt,
    Instant sentAt,
    double latenessMs,
    OptionalDouble connectMs,
    OptionalDouble firstByteMs,
    double totalMs,
    double latencyFromIntendedMs,
    OptionalInt httpStatus,
    OptionalLong rpcErrorCode,
    OptionalLong blockHeight,
    String detail,
    boolean signed) {
  public Observation {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(intendedAt, "intendedAt");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(connectMs, "connectMs");
    Objects.requireNonNull(firstByteMs, "firstByteMs");
    Objects.requireNonNull(httpStatus, "httpStatus");
    Objects.requireNonNull(rpcErrorCode, "rpcErrorCode");
    Objects.requireNonNull(blockHeight, "blockHeight");
    Objects.requireNonNull(detail, "detail");
  }

  /** The wire form of a recorded probe, durations in milliseconds rounded to three decimals. */
  public static Observation of(dev.fisherman.core.probe.Observation o) {
    return new Observation(
        o.round(),
        o.outcome().wireName(),
        o.intendedAt(),
        o.sentAt(),
        Wire.millis(o.latenessNanos()),
        millis(o.connectNanos()),
        millis(o.firstByteNanos()),
        Wire.millis(o.totalNanos()),
        Wire.millis(o.latencyFromIntendedNanos()),
        o.httpStatus(),
        o.rpcErrorCode(),
        o.blockHeight(),
        o.detail(),
        o.signed());
  }

  private static OptionalDouble millis(OptionalLong nanos) {
    return nanos.isPresent()
        ? OptionalDouble.of(Wire.millis(nanos.getAsLong()))
        : OptionalDouble.empty();
  }
}
