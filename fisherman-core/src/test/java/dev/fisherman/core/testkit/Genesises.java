package dev.fisherman.core.testkit;

import dev.fisherman.genesis.ConnectionMode;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.Expect;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Params;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.RelayTemplate;
import dev.fisherman.genesis.Service;
import dev.fisherman.genesis.SessionParams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Genesis records built directly, for tests. */
public final class Genesises {
  public static final Service ETH =
      new Service(
          "eth",
          new RelayTemplate(
              "POST",
              "/",
              Map.of(),
              Optional.of("{\"jsonrpc\":\"2.0\",\"method\":\"eth_blockNumber\",\"params\":[]}")),
          Expect.DEFAULTS);

  private Genesises() {}

  public static QosParams qos(
      int probes, Distribution distribution, Duration startDelay, Duration relayTimeout) {
    return qos(probes, distribution, startDelay, relayTimeout, ConnectionMode.REUSE, 1_048_576);
  }

  public static QosParams qos(
      int probes,
      Distribution distribution,
      Duration startDelay,
      Duration relayTimeout,
      ConnectionMode connection,
      int maxResponseBytes) {
    QosParams d = QosParams.DEFAULTS;
    return new QosParams(
        probes,
        distribution,
        startDelay,
        relayTimeout,
        d.highLatency(),
        d.minAvailability(),
        d.minSamples(),
        connection,
        maxResponseBytes,
        d.retentionSessions());
  }

  public static Genesis genesis(QosParams qos) {
    return new Genesis(
        "test",
        new Params(new SessionParams(4, Duration.ofSeconds(15)), qos),
        List.of(ETH),
        List.of());
  }
}
