package dev.fisherman.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

  @Test
  void until_returnsTheFirstValueTheProbeYields() {
    AtomicInteger asked = new AtomicInteger();
    String value =
        Poll.until(
            "the third look",
            Duration.ofSeconds(10),
            () -> asked.incrementAndGet() == 3 ? Optional.of("third") : Optional.empty());

    assertThat(value).isEqualTo("third");
    assertThat(asked).hasValue(3);
  }

  @Test
  void until_failsWithWhatWasAwaited_whenTheDeadlinePasses() {
    assertThatThrownBy(
            () -> Poll.until("a state that never comes", Duration.ZERO, () -> Optional.empty()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("a state that never comes");
  }

  @Test
  void until_booleanCondition_returnsOnceItHolds() {
    AtomicInteger asked = new AtomicInteger();

    Poll.until(Duration.ofSeconds(10), () -> asked.incrementAndGet() >= 2);

    assertThat(asked).hasValue(2);
  }
}
