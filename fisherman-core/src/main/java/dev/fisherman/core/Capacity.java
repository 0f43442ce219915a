package dev.fisherman.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The engine's admission budgets and how much of each the running sessions hold. A session is
 * admitted only when it fits in every budget at once; see {@link AdmissionRefusedException}.
 *
 * @param activeSessions sessions running now
 * @param maxActiveSessions sessions that may run at once
 * @param probeRate probes per second the running sessions plan together (each session's probes over
 *     its sampled window)
 * @param maxProbeRate the probe-rate budget
 * @param connections connections the running sessions may hold at once (each session's servicers
 *     times the most rounds its plan puts inside one {@code relay_timeout})
 * @param maxConnections the connection budget
 * @param minRoundSpacing the least time between two rounds of one session
 */
public record Capacity(
    int activeSessions,
    int maxActiveSessions,
    double probeRate,
    int maxProbeRate,
    long connections,
    int maxConnections,
    Duration minRoundSpacing) {
  public Capacity {
    Objects.requireNonNull(minRoundSpacing, "minRoundSpacing");
  }
}
