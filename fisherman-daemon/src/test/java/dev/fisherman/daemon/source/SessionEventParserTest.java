package dev.fisherman.daemon.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.daemon.testing.TestGenesis;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SessionEventParserTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final SessionEventParser parser =
      new SessionEventParser(TestGenesis.twoServicers(), InstantSource.fixed(NOW));

  private static String event(String replaceFrom, String replaceTo) {
    String base =
        "{\"session_id\":\"s-1\",\"service\":\"eth\",\"start_height\":100,\"end_height\":104,"
            + "\"servicers\":[{\"address\":\"a\",\"url\":\"http://127.0.0.1:9001\"},"
            + "{\"address\":\"b\",\"url\":\"https://node.example.org:443\"}]}";
    return base.replace(replaceFrom, replaceTo);
  }

  @Test
  void parse_heights_windowIsBlocksTimesBlockTime() throws Exception {
    SessionStarted s = parser.parse(event("", ""));
    assertThat(s)
        .isEqualTo(
            new SessionStarted(
                "s-1",
                "eth",
                OptionalLong.of(100),
                OptionalLong.of(104),
                NOW,
                NOW.plusSeconds(60),
                List.of(
                    new SessionServicer("a", URI.create("http://127.0.0.1:9001")),
                    new SessionServicer("b", URI.create("https://node.example.org:443")))));
  }

  @Test
  void parse_duration_winsOverHeights() throws Exception {
    SessionStarted s =
        parser.parse(event("\"end_height\":104,", "\"end_height\":104,\"duration\":\"90s\","));
    assertThat(s.endsAt()).isEqualTo(NOW.plusSeconds(90));
    assertThat(s.endHeight()).hasValue(104);
  }

  @Test
  void parse_durationAlone_isEnough() throws Exception {
    SessionStarted s =
        parser.parse(event("\"start_height\":100,\"end_height\":104,", "\"duration\":\"1.5s\","));
    assertThat(s.endsAt()).isEqualTo(NOW.plusMillis(1500));
    assertThat(s.startHeight()).isEmpty();
  }

  private void assertInvalid(String json, String field, String message) {
    assertThatThrownBy(() -> parser.parse(json))
        .isInstanceOf(InvalidSessionEventException.class)
        .hasMessage(message)
        .extracting(e -> ((InvalidSessionEventException) e).field())
        .isEqualTo(field);
  }

  @Test
  void parse_rejectsEachProblemNamingItsField() {
    assertInvalid("", "", "body: empty (expected: a JSON object)");
    assertInvalid("\"x\"", "", "body: a string (expected: a JSON object)");
    assertInvalid(
        event("", "") + " {}",
        "",
        "body: not valid JSON at 1:187 (Trailing token (of type START_OBJECT) found after value"
            + " (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per"
            + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`)");
    assertInvalid(
        event("\"service\":\"eth\"", "\"service\":\"eth\",\"service\":\"eth\""),
        "",
        "body: not valid JSON at 1:46 (Duplicate field 'service')");
    assertInvalid(
        event("\"session_id\":\"s-1\",", ""),
        "session_id",
        "session_id: missing (expected: a string)");
    assertInvalid(
        event("\"s-1\"", "\"s 1\""),
        "session_id",
        "session_id: \"s 1\" (expected: 1 to 128 characters of A-Z a-z 0-9 . _ : ~ -, starting"
            + " with a letter or digit)");
    assertInvalid(event("\"s-1\"", "7"), "session_id", "session_id: 7 (expected: a string)");
    assertInvalid(
        event("\"eth\"", "\"btc\""),
        "service",
        "service: \"btc\" (expected: a service genesis defines: eth)");
    assertInvalid(
        event("100", "-1"), "start_height", "start_height: -1 (expected: an integer >= 0)");
    assertInvalid(
        event("100", "1.5"), "start_height", "start_height: 1.5 (expected: an integer >= 0)");
    assertInvalid(
        event("\"start_height\":100,", ""),
        "start_height",
        "start_height: missing (expected: a height when end_height is given)");
    assertInvalid(
        event("104", "100"), "end_height", "end_height: 100 (expected: > start_height 100)");
    assertInvalid(
        event("\"end_height\":104,", ""),
        "duration",
        "duration: missing (expected: end_height or duration)");
    assertInvalid(
        event("\"end_height\":104,", "\"duration\":\"60 seconds\","),
        "duration",
        "duration: \"60 seconds\" (expected: a duration such as 500ms or 2s)");
    assertInvalid(
        event("\"end_height\":104,", "\"duration\":\"25h\","),
        "duration",
        "duration: \"25h\" (expected: > 0s and <= 24h)");
    assertInvalid(
        event("\"end_height\":104,", "\"duration\":\"0s\","),
        "duration",
        "duration: \"0s\" (expected: > 0s and <= 24h)");
    assertInvalid(
        event("104", "100000"),
        "end_height",
        "end_height: 100000 (expected: a window of at most 24h, 5760 blocks of 15s)");
    assertInvalid(
        event("\"servicers\":[", "\"servicers\":7,\"x\":["),
        "x",
        "x: unknown key (expected: one of session_id, service, start_height, end_height,"
            + " duration, servicers)");
    assertInvalid(
        "{\"session_id\":\"s\",\"service\":\"eth\",\"duration\":\"1s\",\"servicers\":[]}",
        "servicers",
        "servicers: [] (expected: a non-empty array)");
    assertInvalid(
        "{\"session_id\":\"s\",\"service\":\"eth\",\"duration\":\"1s\"}",
        "servicers",
        "servicers: missing (expected: an array of {address, url})");
    assertInvalid(
        event("{\"address\":\"a\",", "{\"address\":\"a\",\"weight\":1,"),
        "servicers[0].weight",
        "servicers[0].weight: unknown key (expected: one of address, url)");
    assertInvalid(
        event("\"address\":\"b\"", "\"address\":\"a\""),
        "servicers[1].address",
        "servicers[1].address: \"a\" (expected: unique addresses)");
    assertInvalid(
        event("https://node.example.org:443", "mailto:x@y"),
        "servicers[1].url",
        "servicers[1].url: \"mailto:x@y\" (expected: an http or https URL with a host)");
    assertInvalid(
        event("http://127.0.0.1:9001", "http://bad host/"),
        "servicers[0].url",
        "servicers[0].url: \"http://bad host/\" (expected: an http or https URL with a host)");
    assertInvalid(
        event("{\"address\":\"a\",\"url\":\"http://127.0.0.1:9001\"}", "\"a\""),
        "servicers[0]",
        "servicers[0]: \"a\" (expected: an object {address, url})");
  }

  @Test
  void parse_servicerUrl_followsTheGenesisRule() throws Exception {
    String noPath =
        "an http or https URL with no path, query or fragment, such as http://127.0.0.1:9101";
    for (String url :
        List.of(
            "http://127.0.0.1:9001/rpc",
            "http://127.0.0.1:9001/?x=1",
            "http://127.0.0.1:9001?x=1",
            "http://127.0.0.1:9001#f")) {
      assertInvalid(
          event("http://127.0.0.1:9001", url),
          "servicers[0].url",
          "servicers[0].url: \"" + url + "\" (expected: " + noPath + ")");
    }
    for (String url :
        List.of("http://127.0.0.1:0", "http://127.0.0.1:65536", "http://127.0.0.1:90203")) {
      assertInvalid(
          event("http://127.0.0.1:9001", url),
          "servicers[0].url",
          "servicers[0].url: \""
              + url
              + "\" (expected: an http or https URL with a port from 1 to 65535)");
    }
    assertThat(parser.parse(event("http://127.0.0.1:9001", "http://127.0.0.1:65535/")))
        .extracting(s -> s.servicers().get(0).url())
        .isEqualTo(URI.create("http://127.0.0.1:65535/"));
  }

  @Test
  void parse_servicerAtALinkLocalOrMetadataAddress_isRefusedByTheDenyList() {
    for (String[] c :
        List.of(
            new String[] {"http://169.254.169.254", "169.254.0.0/16"},
            new String[] {"http://[fe80::1]:8545", "fe80::/10"},
            new String[] {"http://[::ffff:169.254.169.254]:80", "169.254.0.0/16"})) {
      assertInvalid(
          event("http://127.0.0.1:9001", c[0]),
          "servicers[0].url",
          "servicers[0].url: \""
              + c[0]
              + "\" (expected: an address outside params.limits.deny (it lies in "
              + c[1]
              + "))");
    }
  }

  @Test
  void parse_servicerUrlWithUserInfo_isRefusedWithoutRepeatingThePassword() {
    assertInvalid(
        event("http://127.0.0.1:9001", "http://alice:secret@127.0.0.1:9001"),
        "servicers[0].url",
        "servicers[0].url: \"http://***@127.0.0.1:9001\" (expected: an http or https URL"
            + " without user-info)");
  }

  @Test
  void parse_escapesKeysAndValuesSoNoLogLineCanBeForged() {
    String forged = "x\\n2026-01-01 00:00:00 ERROR Daemon - FAKE\\u001b[31m\\u009b2J\\u2028";
    assertInvalid(
        event("\"servicers\":[", "\"" + forged + "\":1,\"servicers\":["),
        "[\"x\\n2026-01-01 00:00:00 ERROR Daemon - FAKE\\u001B[31m\\u009B2J\\u2028\"]",
        "[\"x\\n2026-01-01 00:00:00 ERROR Daemon - FAKE\\u001B[31m\\u009B2J\\u2028\"]:"
            + " unknown key (expected: one of session_id, service, start_height, end_height,"
            + " duration, servicers)");
    assertInvalid(
        event("\"service\":\"eth\"", "\"service\":\"eth\",\"a\\u001b\\n\":1,\"a\\u001b\\n\":1"),
        "",
        "body: not valid JSON at 1:62 (Duplicate field 'a\\u001B\\n')");
    assertInvalid(
        event("\"eth\"", "\"\\u001b]0;pwned\\u0007\""),
        "service",
        "service: \"\\u001B]0;pwned\\u0007\" (expected: a service genesis defines: eth)");
    assertInvalid(
        event("\"end_height\":104,", "\"duration\":\"1s\\r\\nINFO fake\","),
        "duration",
        "duration: \"1s\\r\\nINFO fake\" (expected: a duration such as 500ms or 2s)");
  }

  @Test
  void parse_bodyMustBeStrictUtf8() {
    byte[] good = event("", "").getBytes(StandardCharsets.UTF_8);
    // "serv\xffice": an invalid byte inside a key
    String badKey = event("", "").replace("\"service\"", "\"serv_ice\"");
    byte[] bad = badKey.getBytes(StandardCharsets.UTF_8);
    int at = badKey.indexOf('_');
    bad[at] = (byte) 0xFF;
    assertInvalidBytes(
        bad, "body: not UTF-8 at byte offset " + at + " (expected: a JSON object in UTF-8 text)");
    // an overlong encoding of U+0000
    byte[] overlong = badKey.getBytes(StandardCharsets.UTF_8);
    byte[] withOverlong = new byte[overlong.length + 1];
    System.arraycopy(overlong, 0, withOverlong, 0, at);
    withOverlong[at] = (byte) 0xC0;
    withOverlong[at + 1] = (byte) 0x80;
    System.arraycopy(overlong, at + 1, withOverlong, at + 2, overlong.length - at - 1);
    assertInvalidBytes(
        withOverlong,
        "body: not UTF-8 at byte offset " + at + " (expected: a JSON object in UTF-8 text)");
    assertInvalidBytes(
        event("", "").getBytes(StandardCharsets.UTF_16),
        "body: not UTF-8 at byte offset 0 (expected: a JSON object in UTF-8 text)");
    assertInvalidBytes(
        event("", "").getBytes(StandardCharsets.UTF_16LE),
        "body: not UTF-8 at byte offset 1 (expected: a JSON object in UTF-8 text)");
    assertInvalidBytes(
        event("", "").getBytes(StandardCharsets.UTF_16BE),
        "body: not UTF-8 at byte offset 0 (expected: a JSON object in UTF-8 text)");
    assertThat(good).isNotEmpty();
  }

  @Test
  void parse_utf8ByteOrderMark_isAllowed() throws Exception {
    byte[] body = ("\uFEFF" + event("", "")).getBytes(StandardCharsets.UTF_8);
    assertThat(parser.parse(body).sessionId()).isEqualTo("s-1");
  }

  private void assertInvalidBytes(byte[] body, String message) {
    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOf(InvalidSessionEventException.class)
        .hasMessage(message)
        .extracting(e -> ((InvalidSessionEventException) e).field())
        .isEqualTo("");
  }

  @Test
  void parse_quotesControlCharactersSoALogLineStaysOneLine() {
    assertInvalid(
        event("\"s-1\"", "\"s\\n1\""),
        "session_id",
        "session_id: \"s\\n1\" (expected: 1 to 128 characters of A-Z a-z 0-9 . _ : ~ -, starting"
            + " with a letter or digit)");
  }
}
