package dev.fisherman.core.qos;

/** Latency percentiles of a servicer's {@code ok} probes, in milliseconds. */
public record LatencySummary(
    double min, double p50, double p90, double p99, double max, double mean) {}
