package dev.fisherman.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BehaviourTest {

  @Test
  void healthy_answersAtOnceWithoutFailures() {
    Behaviour healthy = Behaviour.healthy();

    assertThat(healthy.delay()).isZero();
    assertThat(healthy.jitter()).isZero();
    assertThat(healthy.failureFraction()).isZero();
    assertThat(healthy.heightLag()).isZero();
  }

  @Test
  void presets_setOnlyTheirOwnField() {
    assertThat(Behaviour.slow(Duration.ofMillis(400)))
        .isEqualTo(Behaviour.healthy().withDelay(Duration.ofMillis(400)));
    assertThat(Behaviour.flaky(0.3))
        .isEqualTo(Behaviour.healthy().failing(0.3, Failure.HTTP_STATUS));
    assertThat(Behaviour.always(Failure.RESET).failureFraction()).isEqualTo(1.0);
  }

  @Test
  void withers_keepTheOtherFields() {
    Behaviour b =
        Behaviour.healthy()
            .withDelay(Duration.ofMillis(5))
            .withJitter(Duration.ofMillis(2))
            .failing(0.25, Failure.GARBAGE)
            .withHttpStatus(500)
            .withHugeBodyBytes(10)
            .withHeightLag(3);

    assertThat(b)
        .isEqualTo(
            new Behaviour(
                Duration.ofMillis(5), Duration.ofMillis(2), 0.25, Failure.GARBAGE, 500, 10, 3));
  }

  @Test
  void constructor_rejectsFractionOutsideZeroToOne() {
    assertThatThrownBy(() -> Behaviour.flaky(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failureFraction: 1.5 (expected: between 0 and 1)");
    assertThatThrownBy(() -> Behaviour.flaky(Double.NaN))
        .hasMessage("failureFraction: NaN (expected: between 0 and 1)");
  }

  @Test
  void constructor_rejectsNegativeDelayAndJitter() {
    assertThatThrownBy(() -> Behaviour.slow(Duration.ofMillis(-1)))
        .hasMessage("delay: PT-0.001S (expected: >= 0)");
    assertThatThrownBy(() -> Behaviour.healthy().withJitter(Duration.ofSeconds(-2)))
        .hasMessage("jitter: PT-2S (expected: >= 0)");
  }

  @Test
  void constructor_rejectsBadStatusSizeAndLag() {
    assertThatThrownBy(() -> Behaviour.healthy().withHttpStatus(600))
        .hasMessage("httpStatus: 600 (expected: between 100 and 599)");
    assertThatThrownBy(() -> Behaviour.healthy().withHugeBodyBytes(0))
        .hasMessage("hugeBodyBytes: 0 (expected: >= 1)");
    assertThatThrownBy(() -> Behaviour.healthy().withHeightLag(-1))
        .hasMessage("heightLag: -1 (expected: >= 0)");
  }
}
