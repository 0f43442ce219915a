package dev.fisherman.core;

import dev.fisherman.core.check.ServiceChecks;
import dev.fisherman.core.probe.RoundKind;
import dev.fisherman.core.relay.RelayRequest;
import dev.fisherman.genesis.CheckParams;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Service;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.random.RandomGenerator;

/**
 * What the rounds of one service ask: the sampling request, and which rounds of a session ask for a
 * block identifier (integrity) or the chain id instead. Both are drawn from the private randomness
 * at admission, so a servicer cannot tell which round will be compared.
 */
final class ServiceRounds {
  private final ServiceChecks checks;
  private final CheckParams.Integrity integrity;
  private final boolean askChain;
  private final LongFunction<RelayRequest> sampling;
  private final LongFunction<RelayRequest> chain;

  ServiceRounds(Genesis genesis, Service service) {
    this.checks = ServiceChecks.of(service);
    this.integrity = genesis.checks(service).integrity();
    this.sampling = RelayRequest.renderer(service);
    Optional<ServiceChecks.Request> chainRequest =
        service.chainId().isPresent() ? checks.chain() : Optional.empty();
    this.askChain = chainRequest.isPresent();
    this.chain = chainRequest.map(r -> RelayRequest.renderer(r.relay(), r.check())).orElse(null);
  }

  LongFunction<RelayRequest> sampling() {
    return sampling;
  }

  LongFunction<RelayRequest> chain() {
    return chain;
  }

  /** The request for the block identifier at {@code height}, when the kind has one. */
  Optional<LongFunction<RelayRequest>> integrity(long height) {
    return checks.integrity(height).map(r -> RelayRequest.renderer(r.relay(), r.check()));
  }

  /** The offset below the head an integrity round asks at, drawn from {@code random}. */
  long offset(RandomGenerator random) {
    synchronized (random) {
      return random.nextLong(integrity.offsetMin(), integrity.offsetMax() + 1);
    }
  }

  /**
   * The kind of each of {@code rounds} rounds: one chain round at a random position when the
   * service names a chain id, and one integrity round at a random position in each run of {@code
   * every} rounds (never on the chain round).
   */
  RoundKind[] plan(int rounds, RandomGenerator random) {
    RoundKind[] kinds = new RoundKind[rounds];
    Arrays.fill(kinds, RoundKind.SAMPLE);
    if (rounds == 0) {
      return kinds;
    }
    synchronized (random) {
      int chainRound = askChain ? random.nextInt(rounds) : -1;
      if (chainRound >= 0) {
        kinds[chainRound] = RoundKind.CHAIN;
      }
      if (integrity.enabled() && checks.readsIdentifiers()) {
        int every = integrity.every();
        for (int start = 0; start < rounds; start += every) {
          int len = Math.min(every, rounds - start);
          int pick = start + random.nextInt(len);
          if (pick == chainRound) {
            if (len == 1) {
              continue;
            }
            pick = start + (pick - start + 1 + random.nextInt(len - 1)) % len;
          }
          kinds[pick] = RoundKind.INTEGRITY;
        }
      }
    }
    return kinds;
  }
}
