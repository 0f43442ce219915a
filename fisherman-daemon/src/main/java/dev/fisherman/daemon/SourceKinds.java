package dev.fisherman.daemon;

import dev.fisherman.daemon.source.SourceFactories;
import dev.fisherman.daemon.source.cometbft.CometBftSourceFactory;

/**
 * Every source kind the daemon ships: {@link SourceFactories#defaults()} (the kinds of the {@code
 * source} package) and the node source of {@code source.cometbft}. Registered here, above both
 * packages, because the node source builds on the {@code source} package's interfaces and a
 * registration inside {@code source} would make the two depend on each other.
 */
public final class SourceKinds {
  private SourceKinds() {}

  /** {@code localnet}, {@code webhook}, {@code ndjson} and {@code cometbft}. */
  public static SourceFactories all() {
    return SourceFactories.defaults().with(new CometBftSourceFactory());
  }
}
