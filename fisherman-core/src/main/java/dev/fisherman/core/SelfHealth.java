package dev.fisherman.core;

import dev.fisherman.core.probe.Exclusion;
import java.util.Optional;

/** Whether the engine's latest recorded round was excluded, and why. Thread-safe. */
final class SelfHealth {
  private volatile Exclusion latest;

  void round(Optional<Exclusion> excluded) {
    latest = excluded.orElse(null);
  }

  Optional<Exclusion> excluding() {
    return Optional.ofNullable(latest);
  }
}
