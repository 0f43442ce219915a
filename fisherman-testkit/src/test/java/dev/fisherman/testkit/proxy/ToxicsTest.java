package dev.fisherman.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ToxicsTest {

  @Test
  void none_shapesNothing() {
    Toxics none = Toxics.none();

    assertThat(none.mode()).isEqualTo(Toxics.Mode.PASS);
    assertThat(none.upstream()).isEqualTo(Toxics.Direction.clean());
    assertThat(none.downstream())
        .isEqualTo(new Toxics.Direction(Duration.ZERO, Duration.ZERO, 0, Long.MAX_VALUE));
  }

  @Test
  void latency_delaysOnlyTheAnswers() {
    Toxics toxics = Toxics.latency(Duration.ofMillis(300));

    assertThat(toxics.downstream().latency()).isEqualTo(Duration.ofMillis(300));
    assertThat(toxics.upstream()).isEqualTo(Toxics.Direction.clean());
  }

  @Test
  void direction_rejectsNegativeValues() {
    assertThatThrownBy(() -> Toxics.Direction.clean().withLatency(Duration.ofMillis(-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("latency: PT-0.005S (expected: >= 0)");
    assertThatThrownBy(() -> Toxics.Direction.clean().withJitter(Duration.ofSeconds(-1)))
        .hasMessage("jitter: PT-1S (expected: >= 0)");
    assertThatThrownBy(() -> Toxics.Direction.clean().withBandwidth(-1))
        .hasMessage("bytesPerSecond: -1 (expected: >= 0, 0 for unlimited)");
    assertThatThrownBy(() -> Toxics.Direction.clean().closingAfter(-1))
        .hasMessage("closeAfterBytes: -1 (expected: >= 0)");
  }
}
