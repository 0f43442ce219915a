package dev.fisherman.e2e.scenarios;

import java.time.Duration;

/** Timings every scenario on the short-session genesis shares. */
final class Scenario {

  /** The window each scenario's session runs for. */
  static final String SESSION = "4s";

  /** Rounds the short-session genesis plans per session ({@code probes_per_session}). */
  static final int ROUNDS = 20;

  /** The genesis {@code relay_timeout} of the short-session genesis. */
  static final Duration RELAY_TIMEOUT = Duration.ofSeconds(2);

  /** The genesis {@code high_latency} of the short-session genesis, in milliseconds. */
  static final double HIGH_LATENCY_MS = 400;

  /**
   * How long to wait for a session to end and settle: the window, the relay timeout of its last
   * probes, and room for a busy 2-core machine.
   */
  static final Duration SETTLE = Duration.ofSeconds(15);

  private Scenario() {}
}
