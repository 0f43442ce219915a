package dev.fisherman.daemon.testing;

import dev.fisherman.genesis.Expect;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Params;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.RelayTemplate;
import dev.fisherman.genesis.Service;
import dev.fisherman.genesis.Servicer;
import dev.fisherman.genesis.SessionParams;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Genesis values for tests, built from the records directly. */
public final class TestGenesis {
  private TestGenesis() {}

  public static Service service(String id) {
    return new Service(
        id,
        new RelayTemplate(
            "POST",
            "/",
            Map.of(),
            Optional.of("{\"jsonrpc\":\"2.0\",\"method\":\"eth_blockNumber\",\"params\":[]}")),
        Expect.DEFAULTS);
  }

  /** One service {@code eth}, 4 blocks of 15 s per session, the servicers given. */
  public static Genesis with(List<Servicer> servicers) {
    return new Genesis(
        "test",
        new Params(new SessionParams(4, Duration.ofSeconds(15)), QosParams.DEFAULTS),
        List.of(service("eth")),
        servicers);
  }

  /** {@link #with} two servicers, {@code a} and {@code b}, on ports nobody listens to. */
  public static Genesis twoServicers() {
    return with(
        List.of(
            new Servicer("a", URI.create("http://127.0.0.1:9"), List.of("eth")),
            new Servicer("b", URI.create("http://127.0.0.1:10"), List.of("eth"))));
  }
}
