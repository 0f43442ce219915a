package dev.fisherman.core.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One round of one session as a unit: every servicer's observation of the same request sent at the
 * same instant, in session order, and what the round judges found. A round is complete (every probe
 * decided) before it is judged and recorded, so checks can compare the servicers' answers with each
 * other.
 *
 * @param sessionId the session
 * @param service the service the session samples
 * @param round index of the round inside the session, from 0
 * @param intendedAt the planned send instant
 * @param kind what the round asked
 * @param askedHeight the height an integrity round asked for
 * @param observations one per servicer, in session order
 * @param canaries the operator's canaries, probed at the same instant (not servicers)
 * @param head the agreed head, once the sync judge found one
 * @param excluded why the round was excluded, once the self-check judge excluded it
 * @param quorum for an integrity round: whether an identifier reached the quorum
 * @param findings one per servicer, in session order
 */
public record RoundResult(
    String sessionId,
    String service,
    int round,
    Instant intendedAt,
    RoundKind kind,
    OptionalLong askedHeight,
    List<Observation> observations,
    List<Observation> canaries,
    Optional<Head> head,
    Optional<Exclusion> excluded,
    Quorum quorum,
    List<Finding> findings) {

  public RoundResult {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(intendedAt, "intendedAt");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(askedHeight, "askedHeight");
    observations = List.copyOf(observations);
    canaries = List.copyOf(canaries);
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(excluded, "excluded");
    Objects.requireNonNull(quorum, "quorum");
    findings =
        findings.isEmpty()
            ? Collections.nCopies(observations.size(), Finding.NONE)
            : List.copyOf(findings);
    if (round < 0) {
      throw new IllegalArgumentException("round: " + round + " (expected: >= 0)");
    }
    if (findings.size() != observations.size()) {
      throw new IllegalArgumentException(
          "findings: " + findings.size() + " (expected: " + observations.size() + ", one each)");
    }
  }

  /** A sampling round without canaries, not judged yet. */
  public RoundResult(
      String sessionId,
      String service,
      int round,
      Instant intendedAt,
      List<Observation> observations) {
    this(
        sessionId,
        service,
        round,
        intendedAt,
        RoundKind.SAMPLE,
        OptionalLong.empty(),
        observations,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Quorum.NONE,
        List.of());
  }

  /** Whether an identifier reached the quorum in an integrity round. */
  public enum Quorum {
    /** Not an integrity round, or not judged. */
    NONE,
    /** An identifier was reported by more than the quorum of responders. */
    REACHED,
    /** No identifier was: the round judges nobody. */
    NO_QUORUM
  }

  /** This round with the agreed head. */
  public RoundResult withHead(Head h) {
    return new RoundResult(
        sessionId,
        service,
        round,
        intendedAt,
        kind,
        askedHeight,
        observations,
        canaries,
        Optional.of(h),
        excluded,
        quorum,
        findings);
  }

  /** This round with its findings and integrity quorum replaced. */
  public RoundResult withFindings(List<Finding> f, Quorum q) {
    return new RoundResult(
        sessionId,
        service,
        round,
        intendedAt,
        kind,
        askedHeight,
        observations,
        canaries,
        head,
        excluded,
        q,
        f);
  }

  /** This round excluded for {@code reason}: every judged observation becomes {@code excluded}. */
  public RoundResult excludedFor(Exclusion reason) {
    List<Observation> out = new ArrayList<>(observations.size());
    for (Observation o : observations) {
      out.add(o.outcome() == Outcome.CANCELLED ? o : o.excluded(reason));
    }
    return new RoundResult(
        sessionId,
        service,
        round,
        intendedAt,
        kind,
        askedHeight,
        out,
        canaries,
        head,
        Optional.of(reason),
        quorum,
        findings);
  }

  /**
   * First send to last send of the probes that were sent (a probe cancelled before it started was
   * not); empty when none was.
   */
  public OptionalLong fanOutSkewNanos() {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Observation o : observations) {
      if (o.outcome() != Outcome.CANCELLED || o.totalNanos() > 0) {
        // Every probe of the round shares the intended instant: lateness orders the sends.
        first = Math.min(first, o.latenessNanos());
        last = Math.max(last, o.latenessNanos());
      }
    }
    return last >= first ? OptionalLong.of(last - first) : OptionalLong.empty();
  }
}
