package dev.fisherman.core.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The outcome of one probe to one servicer.
 *
 * <p>Phase timings are measured from the <em>actual</em> send instant; {@link #latenessNanos()}
 * says how late that was against the planned instant, so {@link #latencyFromIntendedNanos()}
 * exposes a stalled fisherman instead of crediting it to the servicer.
 *
 * @param sessionId the session the probe belonged to
 * @param servicer the servicer's address
 * @param round index of the round inside the session, from 0
 * @param intendedAt the planned send instant
 * @param latenessNanos actual send − intended send
 * @param connectNanos time to open the connection, when this probe opened one
 * @param firstByteNanos actual send → first response byte, when any byte arrived
 * @param totalNanos actual send → outcome decided
 * @param outcome how the probe ended
 * @param httpStatus the HTTP status, when a response head arrived
 * @param rpcErrorCode the JSON-RPC error code, for {@link Outcome#RPC_ERROR}, or the RelayMiner
 *     error code, for {@link Outcome#RELAY_ERROR}
 * @param facts what the service's response check read from the answer (e.g. a block height)
 * @param detail a short human explanation; empty for {@code ok}
 * @param attestation who provably answered, when the answer was signed and the signature verified
 */
public record Observation(
    String sessionId,
    String servicer,
    int round,
    Instant intendedAt,
    long latenessNanos,
    OptionalLong connectNanos,
    OptionalLong firstByteNanos,
    long totalNanos,
    Outcome outcome,
    OptionalInt httpStatus,
    OptionalLong rpcErrorCode,
    ProbeFacts facts,
    String detail,
    Optional<Attestation> attestation) {

  public Observation {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(servicer, "servicer");
    Objects.requireNonNull(intendedAt, "intendedAt");
    Objects.requireNonNull(connectNanos, "connectNanos");
    Objects.requireNonNull(firstByteNanos, "firstByteNanos");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(httpStatus, "httpStatus");
    Objects.requireNonNull(rpcErrorCode, "rpcErrorCode");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(attestation, "attestation");
  }

  /**
   * An observation of an unsigned answer (a direct relay, or one that failed before a signature).
   */
  public Observation(
      String sessionId,
      String servicer,
      int round,
      Instant intendedAt,
      long latenessNanos,
      OptionalLong connectNanos,
      OptionalLong firstByteNanos,
      long totalNanos,
      Outcome outcome,
      OptionalInt httpStatus,
      OptionalLong rpcErrorCode,
      ProbeFacts facts,
      String detail) {
    this(
        sessionId,
        servicer,
        round,
        intendedAt,
        latenessNanos,
        connectNanos,
        firstByteNanos,
        totalNanos,
        outcome,
        httpStatus,
        rpcErrorCode,
        facts,
        detail,
        Optional.empty());
  }

  /** Whether the answer was signed by the servicer and the signature verified. */
  public boolean signed() {
    return attestation.isPresent();
  }

  /** The block height the response reported, when the service's check reads one. */
  public OptionalLong blockHeight() {
    return facts.blockHeight();
  }

  /** This observation recorded as {@code excluded}, saying why and what the probe had shown. */
  public Observation excluded(Exclusion reason) {
    String was = outcome.wireName() + (detail.isEmpty() ? "" : ": " + detail);
    return new Observation(
        sessionId,
        servicer,
        round,
        intendedAt,
        latenessNanos,
        connectNanos,
        firstByteNanos,
        totalNanos,
        Outcome.EXCLUDED,
        httpStatus,
        rpcErrorCode,
        ProbeFacts.NONE,
        reason.wireName() + " (was " + was + ")",
        attestation);
  }

  /** The actual send instant. */
  public Instant sentAt() {
    return intendedAt.plus(Duration.ofNanos(latenessNanos));
  }

  /** Latency counted from the planned instant: lateness + total. */
  public long latencyFromIntendedNanos() {
    return latenessNanos + totalNanos;
  }
}
