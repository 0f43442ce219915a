package dev.fisherman.shannon.miner;

import dev.fisherman.shannon.crypto.PoktAddress;
import dev.fisherman.shannon.crypto.PrivateKey;
import dev.fisherman.shannon.wire.HttpAnswer;
import dev.fisherman.shannon.wire.HttpProbe;
import java.util.function.Function;

/**
 * The core of a simulated RelayMiner, without transport: takes the body of a relay POST and returns
 * the body of its HTTP 200 answer. It verifies the ring signature against the simulated chain's
 * keys and delegations, forwards the inner HTTP request to the backend, and signs the response with
 * the supplier key, unless switched to one of the {@link MinerBehaviour}s. Safe for concurrent use.
 */
public interface SimulatedRelayMiner {

  /**
   * A RelayMiner for the supplier operator {@code supplierKey}; {@code backend} serves the inner
   * HTTP requests (an exception from it becomes a {@code relayer_proxy}/9 error).
   */
  static SimulatedRelayMiner create(
      PrivateKey supplierKey, SimulatedChain chain, Function<HttpProbe, HttpAnswer> backend) {
    return new DefaultSimulatedRelayMiner(supplierKey, chain, backend);
  }

  /** The supplier operator address this RelayMiner serves. */
  PoktAddress supplier();

  /** Answers one relay: the body of the HTTP 200 response, a marshalled RelayResponse. */
  byte[] handle(byte[] requestBody);

  /** Switches how every following relay is answered. */
  void behave(MinerBehaviour behaviour);

  /** The current behaviour. */
  MinerBehaviour behaviour();
}
