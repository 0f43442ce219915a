package dev.fisherman.core.time;

import java.time.Instant;
import java.time.InstantSource;

/** {@link System#nanoTime()} paired with a wall clock (the system's, or one given). */
final class SystemClock implements FishermanClock {
  static final SystemClock INSTANCE = new SystemClock(InstantSource.system());

  private final InstantSource wall;

  SystemClock(InstantSource wall) {
    this.wall = wall;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Instant instant() {
    return wall.instant();
  }

  @Override
  public boolean realTicker() {
    return true;
  }

  @Override
  public String toString() {
    return this == INSTANCE ? "FishermanClock.system()" : "FishermanClock.of(" + wall + ")";
  }
}
