package dev.fisherman.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A genesis file for one daemon under test: short sessions and few samples so scenarios finish in
 * seconds. Values are kept as genesis text (durations like {@code 1s}), so a scenario can also
 * write a deliberately bad one.
 *
 * @param blockTime {@code params.session.block_time}
 * @param blocksPerSession {@code params.session.blocks_per_session}
 * @param probesPerSession {@code params.qos.probes_per_session}
 * @param distribution {@code params.qos.distribution}
 * @param startDelay {@code params.qos.start_delay}
 * @param relayTimeout {@code params.qos.relay_timeout}
 * @param highLatency {@code params.qos.high_latency}
 * @param minAvailability {@code params.qos.min_availability}
 * @param minSamples {@code params.qos.min_samples}
 * @param maxResponseBytes {@code params.qos.max_response_bytes}
 * @param connection {@code params.qos.connection}: {@code reuse} or {@code fresh}
 * @param services the {@code services} array as JSON text
 * @param extraParams more members of {@code params} as JSON text (e.g. {@code "checks": {...}}), or
 *     empty
 */
public record GenesisFile(
    String blockTime,
    int blocksPerSession,
    int probesPerSession,
    String distribution,
    String startDelay,
    String relayTimeout,
    String highLatency,
    double minAvailability,
    int minSamples,
    int maxResponseBytes,
    String connection,
    String services,
    String extraParams) {

  /** The default {@code services}: {@code eth}, generic JSON-RPC asking {@code eth_blockNumber}. */
  public static final String ETH_JSONRPC =
      """
      [
          { "id": "eth",
            "relay": { "method": "POST", "path": "/",
                       "body": {"jsonrpc": "2.0", "method": "eth_blockNumber", "params": []} },
            "expect": { "jsonrpc_result": true } }
        ]""";

  /** Validates the fields every genesis needs as text. */
  public GenesisFile {
    Objects.requireNonNull(blockTime, "blockTime");
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(startDelay, "startDelay");
    Objects.requireNonNull(relayTimeout, "relayTimeout");
    Objects.requireNonNull(highLatency, "highLatency");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(services, "services");
    Objects.requireNonNull(extraParams, "extraParams");
  }

  /**
   * The scenarios' default: 4-second sessions (1s × 4 blocks) with 20 stratified probes, a 2s relay
   * timeout, {@code high_latency} 400ms, {@code min_availability} 0.9 and {@code min_samples} 5.
   *
   * <p>The timeout and the latency threshold leave room for a busy 2-core machine, where a loopback
   * answer can take a few hundred milliseconds while JVMs start and compile.
   */
  public static GenesisFile shortSessions() {
    return new GenesisFile(
        "1s", 4, 20, "stratified", "0s", "2s", "400ms", 0.9, 5, 65_536, "reuse", ETH_JSONRPC, "");
  }

  /** This genesis with another relay timeout text (which may be invalid on purpose). */
  public GenesisFile withRelayTimeout(String relayTimeout) {
    return new GenesisFile(
        blockTime,
        blocksPerSession,
        probesPerSession,
        distribution,
        startDelay,
        relayTimeout,
        highLatency,
        minAvailability,
        minSamples,
        maxResponseBytes,
        connection,
        services,
        extraParams);
  }

  /** This genesis with another number of probes per session. */
  public GenesisFile withProbesPerSession(int probesPerSession) {
    return new GenesisFile(
        blockTime,
        blocksPerSession,
        probesPerSession,
        distribution,
        startDelay,
        relayTimeout,
        highLatency,
        minAvailability,
        minSamples,
        maxResponseBytes,
        connection,
        services,
        extraParams);
  }

  /** This genesis with another {@code connection} mode ({@code reuse} or {@code fresh}). */
  public GenesisFile withConnection(String connection) {
    return new GenesisFile(
        blockTime,
        blocksPerSession,
        probesPerSession,
        distribution,
        startDelay,
        relayTimeout,
        highLatency,
        minAvailability,
        minSamples,
        maxResponseBytes,
        connection,
        services,
        extraParams);
  }

  /**
   * This genesis with another {@code services} array (JSON text) and more {@code params} members
   * (JSON text without the surrounding braces, e.g. {@code "checks": {...}}).
   */
  public GenesisFile withServices(String services, String extraParams) {
    return new GenesisFile(
        blockTime,
        blocksPerSession,
        probesPerSession,
        distribution,
        startDelay,
        relayTimeout,
        highLatency,
        minAvailability,
        minSamples,
        maxResponseBytes,
        connection,
        services,
        extraParams);
  }

  /** The JSON text of this genesis. */
  public String json() {
    return String.format(
        Locale.ROOT,
        """
        {
          "chain_id": "e2e",
          "params": {
            "session": { "blocks_per_session": %d, "block_time": "%s" },
            "qos": {
              "probes_per_session": %d, "distribution": "%s", "start_delay": "%s",
              "relay_timeout": "%s", "high_latency": "%s", "min_availability": %s,
              "min_samples": %d, "connection": "%s", "max_response_bytes": %d,
              "retention_sessions": 4
            }%s
          },
          "services": %s,
          "servicers": []
        }
        """,
        blocksPerSession,
        blockTime,
        probesPerSession,
        distribution,
        startDelay,
        relayTimeout,
        highLatency,
        Double.toString(minAvailability),
        minSamples,
        connection,
        maxResponseBytes,
        extraParams.isEmpty() ? "" : ",\n    " + extraParams,
        services);
  }

  /** Writes this genesis to {@code dir/genesis.json} and returns the path. */
  public Path writeTo(Path dir) {
    Path file = dir.resolve("genesis.json");
    try {
      Files.writeString(file, json());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** This genesis with {@code params.reputation} set to the JSON object {@code reputation}. */
  public GenesisFile withReputation(String reputation) {
    return withServices(
        services,
        (extraParams.isEmpty() ? "" : extraParams + ",\n    ") + "\"reputation\": " + reputation);
  }
}
