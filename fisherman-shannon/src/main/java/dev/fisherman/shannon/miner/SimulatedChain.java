package dev.fisherman.shannon.miner;

import dev.fisherman.shannon.crypto.PoktAddress;
import dev.fisherman.shannon.crypto.PublicKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a simulated RelayMiner knows of the chain: the public keys of accounts that have signed, and
 * which gateways each application has delegated to (as of the session's end).
 */
public record SimulatedChain(
    Map<PoktAddress, PublicKey> keys, Map<PoktAddress, Set<PoktAddress>> delegations) {

  public SimulatedChain {
    if (keys == null || delegations == null) {
      throw new IllegalArgumentException("chain: keys and delegations are required");
    }
    keys.forEach(
        (address, key) -> {
          if (!key.address().equals(address)) {
            throw new IllegalArgumentException(
                "chain.keys." + address + ": key of " + key.address() + " (expected: its own)");
          }
        });
    Map<PoktAddress, Set<PoktAddress>> copy = new HashMap<>();
    delegations.forEach((app, gateways) -> copy.put(app, Set.copyOf(gateways)));
    keys = Map.copyOf(keys);
    delegations = Map.copyOf(copy);
  }

  /** A chain holding these accounts' keys and these delegations. */
  public static SimulatedChain of(
      Collection<PublicKey> accounts, Map<PoktAddress, Set<PoktAddress>> delegations) {
    Map<PoktAddress, PublicKey> keys = new HashMap<>();
    accounts.forEach(k -> keys.put(k.address(), k));
    return new SimulatedChain(keys, delegations);
  }

  /** The account's public key, empty for an account that never signed. */
  public Optional<PublicKey> key(PoktAddress address) {
    return Optional.ofNullable(keys.get(address));
  }

  /** The gateways an application has delegated to. */
  public Set<PoktAddress> delegatees(PoktAddress application) {
    return delegations.getOrDefault(application, Set.of());
  }
}
