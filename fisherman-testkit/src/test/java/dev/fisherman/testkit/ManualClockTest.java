package dev.fisherman.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void advance_movesTickerAndWallClockTogether() {
    ManualClock clock = new ManualClock(T0);

    clock.advance(Duration.ofMillis(1500));

    assertThat(clock.instant()).isEqualTo(T0.plusMillis(1500));
    assertThat(clock.getAsLong()).isEqualTo(Duration.ofMillis(1500).toNanos());
    assertThat(clock.nanoTime()).isEqualTo(clock.getAsLong());
  }

  @Test
  void advanceTo_neverMovesBack() {
    ManualClock clock = new ManualClock(T0);
    clock.advanceTo(T0.plusSeconds(10));

    clock.advanceTo(T0.plusSeconds(5));

    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void advance_negative_isRejected() {
    assertThatThrownBy(() -> new ManualClock(T0).advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: >= 0");
  }
}
