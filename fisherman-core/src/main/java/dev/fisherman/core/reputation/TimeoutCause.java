package dev.fisherman.core.reputation;

import java.util.Locale;

/** Why a servicer entered a timeout. */
public enum TimeoutCause {
  /** Judged {@code available: no}: {@code params.reputation.timeout}. */
  UNAVAILABLE("available: no"),
  /** Disagreed with the integrity quorum: {@code integrity_timeout}. */
  INCONSISTENT("consistent: no"),
  /** Answered another chain: {@code integrity_timeout}. */
  CHAIN("chain: no");

  private final String verdict;

  TimeoutCause(String verdict) {
    this.verdict = verdict;
  }

  /** The verdict that caused it, e.g. {@code available: no}. */
  public String verdict() {
    return verdict;
  }

  /** The name used in the API and metrics, e.g. {@code unavailable}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
