package dev.fisherman.genesis.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1} ns")
  @CsvSource({
    "0s, 0",
    "250us, 250000",
    "250ms, 250000000",
    "1.5s, 1500000000",
    "2s, 2000000000",
    "5m, 300000000000",
    "1h, 3600000000000",
    "0.000000001s, 1",
    "999999999999ms, 999999999999000000",
  })
  void parse_wellFormed_givesExactNanoseconds(String text, long nanos) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "",
        "2",
        "s",
        "2 s",
        " 2s",
        "2s ",
        "-1s",
        "+1s",
        "2S",
        "2sec",
        "2 seconds",
        "1.s",
        ".5s",
        "1e3ms",
        "2d",
        "1,5s",
        "0.0000000001s"
      })
  void parse_malformed_namesTheTextAndTheFormat(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"" + text + "\" (expected: a duration such as 500ms or 2s)");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"999999999999h", "0.0001us"})
  void parse_outsideNanosecondRange_isRejected(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("\"" + text + "\" (expected: a duration such as 500ms or 2s");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "0, 0s",
    "1000, 1us",
    "250000000, 250ms",
    "1500000000, 1500ms",
    "2000000000, 2s",
    "60000000000, 1m",
    "90000000000, 90s",
    "7200000000000, 2h",
    "1500, 1.5us",
  })
  void format_usesTheLargestWholeUnit(long nanos, String text) {
    assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0s", "250ms", "1500ms", "2s", "1m", "90s", "2h", "1us"})
  void formatThenParse_roundTrips(String text) {
    assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
  }
}
