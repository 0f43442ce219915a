package dev.fisherman.core.store;

import dev.fisherman.genesis.QosParams;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.InstantSource;

/** Where session stores come from. */
public final class SessionStores {
  private SessionStores() {}

  /**
   * The ephemeral store on Caffeine for sessions sampled under {@code qos}: kept {@code
   * retention_sessions} session lengths after their end, bounded by a total of servicer records.
   *
   * @param maxRecords upper bound on servicer records held (each session weighs its servicer count
   *     + 1)
   * @param registry where the Caffeine statistics are bound
   * @param cacheName the {@code cache} tag of those statistics
   */
  public static WritableSessionStore caffeine(
      QosParams qos,
      InstantSource clock,
      long maxRecords,
      MeterRegistry registry,
      String cacheName) {
    return new CaffeineSessionStore(qos, clock, maxRecords, registry, cacheName);
  }
}
