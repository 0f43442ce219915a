package dev.fisherman.core;

/**
 * Totals over the engine's life, for the invariant {@code planned = recorded + cancelled}.
 *
 * @param probesPlanned probes planned (rounds × servicers) for every accepted session
 * @param observationsRecorded observations recorded with an outcome other than cancelled
 * @param probesCancelled probes that ended as cancelled (shutdown or session over)
 * @param inFlight probes sent whose outcome is not decided yet
 */
public record Accounting(
    long probesPlanned, long observationsRecorded, long probesCancelled, long inFlight) {

  /** True when every planned probe is recorded or cancelled. */
  public boolean balanced() {
    return probesPlanned == observationsRecorded + probesCancelled;
  }
}
