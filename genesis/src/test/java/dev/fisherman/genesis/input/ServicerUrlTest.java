package dev.fisherman.genesis.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServicerUrlTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:9101",
        "https://node.example.com",
        "http://[::1]:1",
        "http://127.0.0.1:65535/",
        "https://node.example.com:443"
      })
  void check_validUrl_isValid(String url) {
    assertThat(ServicerUrl.check(url)).isEqualTo(new ServicerUrl.Valid(URI.create(url)));
  }

  @ParameterizedTest
  @CsvSource({
    "ftp://127.0.0.1:9101, NOT_HTTP",
    "HTTP://127.0.0.1:9101, NOT_HTTP",
    "not a url, NOT_HTTP",
    "http:///x, NOT_HTTP",
    "mailto:x@y, NOT_HTTP",
    "http://alice:secret@127.0.0.1:9101, USER_INFO",
    "http://127.0.0.1:9101/relay, PATH",
    "http://127.0.0.1:9101?x=1, PATH",
    "http://127.0.0.1:9101#f, PATH",
    "http://127.0.0.1:0, PORT",
    "http://127.0.0.1:65536, PORT",
    "https://node.example.com:90203, PORT"
  })
  void check_eachBrokenRule_isNamed(String url, ServicerUrl.Violation violation) {
    assertThat(ServicerUrl.check(url)).isEqualTo(new ServicerUrl.Invalid(violation));
  }

  @org.junit.jupiter.api.Test
  void check_tooLong_isRefusedBeforeParsing() {
    String url = "http://" + "a".repeat(ServicerUrl.MAX_LENGTH);
    assertThat(ServicerUrl.check(url))
        .isEqualTo(new ServicerUrl.Invalid(ServicerUrl.Violation.TOO_LONG));
  }

  @org.junit.jupiter.api.Test
  void parse_invalid_namesTheRuleWithTheTextEscaped() {
    assertThatThrownBy(() -> ServicerUrl.parse("http://x:0\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"http://x:0\\n\" (expected: an http or https URL with a host)");
    assertThatThrownBy(() -> ServicerUrl.parse("http://x:0"))
        .hasMessage("\"http://x:0\" (expected: an http or https URL with a port from 1 to 65535)");
  }
}
