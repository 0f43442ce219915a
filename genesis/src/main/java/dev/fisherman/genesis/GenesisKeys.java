package dev.fisherman.genesis;

import dev.fisherman.genesis.input.Keys;
import java.util.List;
import java.util.Set;

/**
 * The keys each object of a genesis file accepts and requires. The loader rejects every other key,
 * and a test holds {@code genesis.schema.json} to exactly these sets.
 */
final class GenesisKeys {
  static final Keys ROOT =
      new Keys(
          List.of("chain_id", "params", "services", "servicers"),
          Set.of("chain_id", "params", "services"));

  static final Keys PARAMS =
      new Keys(
          List.of("session", "qos", "checks", "self_check", "limits", "reputation"),
          Set.of("session"));

  static final Keys LIMITS =
      new Keys(
          List.of(
              "max_active_sessions",
              "max_probe_rate",
              "max_connections",
              "min_round_spacing",
              "deny"),
          Set.of());

  static final Keys SESSION =
      new Keys(
          List.of("blocks_per_session", "block_time"), Set.of("blocks_per_session", "block_time"));

  static final Keys QOS =
      new Keys(
          List.of(
              "probes_per_session",
              "distribution",
              "start_delay",
              "relay_timeout",
              "high_latency",
              "min_availability",
              "min_samples",
              "connection",
              "max_response_bytes",
              "retention_sessions"),
          Set.of());

  static final Keys CHECKS = new Keys(List.of("sync", "integrity"), Set.of());

  static final Keys SYNC = new Keys(List.of("min_agreeing", "allowance"), Set.of());

  static final Keys INTEGRITY = new Keys(List.of("every", "offset", "quorum"), Set.of());

  static final Keys SELF_CHECK =
      new Keys(List.of("max_lateness", "max_network_failures", "canaries"), Set.of());

  static final Keys REPUTATION =
      new Keys(
          List.of(
              "half_life",
              "forget_after",
              "latency_band",
              "timeout",
              "integrity_timeout",
              "probation_probes"),
          Set.of());

  static final Keys SERVICE =
      new Keys(
          List.of("id", "kind", "chain_id", "rpc_type", "relay", "expect", "reads", "checks"),
          Set.of("id"));

  static final Keys READS = new Keys(List.of("height", "block_id", "chain_id"), Set.of());

  static final Keys READ = new Keys(List.of("method", "params", "pointer"), Set.of("method"));

  static final Keys RELAY =
      new Keys(List.of("method", "path", "headers", "body"), Set.of("method", "path"));

  static final Keys EXPECT = new Keys(List.of("jsonrpc_result"), Set.of());

  static final Keys SERVICER =
      new Keys(List.of("address", "url", "services"), Set.of("address", "url", "services"));

  private GenesisKeys() {}
}
