package dev.fisherman.core.judge;

import dev.fisherman.core.probe.RoundJudge;
import dev.fisherman.genesis.CheckParams;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.SelfCheckParams;
import dev.fisherman.genesis.Service;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The round judges a genesis asks for, in the order they run: the fisherman's own health first (an
 * excluded round judges nobody), then sync, integrity and chain identity.
 */
public final class Judges {
  private Judges() {}

  /** The judges of every service of {@code genesis}. */
  public static List<RoundJudge> of(Genesis genesis) {
    Objects.requireNonNull(genesis, "genesis");
    Map<String, CheckParams> checks = new HashMap<>();
    Map<String, String> chains = new HashMap<>();
    for (Service s : genesis.services()) {
      checks.put(s.id(), genesis.checks(s));
      s.chainId().ifPresent(c -> chains.put(s.id(), c));
    }
    return List.of(
        selfCheck(genesis.params().selfCheck()),
        new SyncJudge(service -> checks.getOrDefault(service, CheckParams.DEFAULTS).sync()),
        new IntegrityJudge(
            service -> checks.getOrDefault(service, CheckParams.DEFAULTS).integrity()),
        new ChainJudge(service -> Optional.ofNullable(chains.get(service))));
  }

  /** The self-check judge alone. */
  public static RoundJudge selfCheck(SelfCheckParams params) {
    return new SelfCheckJudge(params);
  }

  /** The sync judge alone, with {@code sync} for every service. */
  public static RoundJudge sync(CheckParams.Sync sync) {
    return new SyncJudge(service -> sync);
  }

  /** The integrity judge alone, with {@code integrity} for every service. */
  public static RoundJudge integrity(CheckParams.Integrity integrity) {
    return new IntegrityJudge(service -> integrity);
  }

  /** The chain judge alone, expecting {@code chainId} of every service. */
  public static RoundJudge chain(String chainId) {
    return new ChainJudge(service -> Optional.of(chainId));
  }
}
