package dev.fisherman.bench.load;

import java.time.Duration;

/** The fixed workload every prober in the harness sends and the rates it runs at. */
final class Workload {
  /** The relay body: what the engine's eth template, wrk and blackbox_exporter all POST. */
  static final String BODY =
      "{\"jsonrpc\":\"2.0\",\"method\":\"eth_blockNumber\",\"params\":[],\"id\":1}";

  /** The template body without an id; the engine adds a random id per round. */
  static final String TEMPLATE_BODY =
      "{\"jsonrpc\":\"2.0\",\"method\":\"eth_blockNumber\",\"params\":[]}";

  /** Injected servicer delay while overhead is measured. */
  static final Duration DELAY = Duration.ofMillis(2);

  /** Probe rate of the overhead, lateness, admin and CPU scenarios. */
  static final int PROBE_RATE = 1_000;

  /** Admin request rate of the admin scenario. */
  static final int ADMIN_RATE = 500;

  private Workload() {}
}
