package dev.fisherman.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.check.ResponseCheck.Verdict;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JsonRpcCheckTest {

  private static Verdict check(String body, long id) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return JsonRpcCheck.HEX_RESULT_IS_HEIGHT.judge(200, b, 0, b.length, OptionalLong.of(id));
  }

  @Test
  void check_resultWithHexQuantity_isOkWithTheHeight() {
    Verdict v = check("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"0x1b4\"}", 7);

    assertThat(v)
        .isEqualTo(new Verdict(Outcome.OK, OptionalLong.empty(), ProbeFacts.height(436), ""));
  }

  @Test
  void check_resultThatIsNoQuantity_isOkWithoutHeight() {
    assertThat(check("{\"id\":7,\"result\":{\"a\":[1,2]}}", 7).facts().blockHeight()).isEmpty();
    assertThat(check("{\"id\":7,\"result\":\"hello\"}", 7).facts().blockHeight()).isEmpty();
    assertThat(check("{\"id\":7,\"result\":null}", 7).outcome()).isEqualTo(Outcome.OK);
  }

  @Test
  void check_idAsString_matches() {
    assertThat(check("{\"id\":\"7\",\"result\":\"0x1\"}", 7).outcome()).isEqualTo(Outcome.OK);
  }

  @Test
  void check_errorObject_isRpcErrorWithTheCode() {
    Verdict v = check("{\"id\":null,\"error\":{\"message\":\"boom\",\"code\":-32000}}", 7);

    assertThat(v)
        .isEqualTo(
            new Verdict(
                Outcome.RPC_ERROR,
                OptionalLong.of(-32000),
                ProbeFacts.NONE,
                "JSON-RPC error -32000"));
  }

  @Test
  void check_wrongOrMissingId_isInvalid() {
    assertThat(check("{\"id\":8,\"result\":\"0x1\"}", 7).detail())
        .isEqualTo("wrong id 8 (expected: 7)");
    assertThat(check("{\"id\":\"x\",\"result\":\"0x1\"}", 7).detail())
        .isEqualTo("wrong id \"x\" (expected: 7)");
    assertThat(check("{\"id\":[7],\"result\":\"0x1\"}", 7).detail())
        .isEqualTo("wrong id [ (expected: 7)");
    assertThat(check("{\"result\":\"0x1\"}", 7).detail()).isEqualTo("missing id");
  }

  @Test
  void check_wrongStringId_isQuotedWithControlCharactersEscaped() {
    // A servicer's id reaches logs and the API: a raw newline or ANSI escape could forge a line.
    assertThat(check("{\"id\":\"a\\nERROR \\u001b[31m\\u2028\",\"result\":\"0x1\"}", 7).detail())
        .isEqualTo("wrong id \"a\\u000aERROR \\u001b[31m\\u2028\" (expected: 7)");
    assertThat(
            check("{\"id\":\"" + "\uD83D\uDE00".repeat(40) + "\",\"result\":\"0x1\"}", 7).detail())
        .isEqualTo("wrong id \"" + "\uD83D\uDE00".repeat(32) + "...\" (expected: 7)");
  }

  @Test
  void check_notJsonOrNotAnObjectOrTrailingData_isInvalid() {
    assertThat(check("<html>", 7).detail()).isEqualTo("not JSON");
    assertThat(check("[1,2]", 7).detail()).isEqualTo("not a JSON object");
    assertThat(check("", 7).detail()).isEqualTo("not a JSON object");
    assertThat(check("{\"id\":7,\"result\":1} {}", 7).detail())
        .isEqualTo("trailing data after the JSON object");
    assertThat(check("{\"id\":7,\"result\":1", 7).detail()).isEqualTo("not JSON");
  }

  @Test
  void check_withoutHeightReading_leavesTheHexResultAlone() {
    byte[] b = "{\"id\":7,\"result\":\"0x1b4\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(JsonRpcCheck.NO_FACTS.judge(200, b, 0, b.length, OptionalLong.of(7)))
        .isEqualTo(Verdict.OK);
  }

  @Test
  void judge_non2xx_isHttpStatusWithoutReadingTheBody() {
    assertThat(JsonRpcCheck.HEX_RESULT_IS_HEIGHT.readsBody(503)).isFalse();
    assertThat(JsonRpcCheck.HEX_RESULT_IS_HEIGHT.judge(503, new byte[0], 0, 0, OptionalLong.of(7)))
        .isEqualTo(Verdict.of(Outcome.HTTP_STATUS, "HTTP 503"));
    assertThat(ResponseCheck.status().judge(204, new byte[0], 0, 0, OptionalLong.empty()))
        .isEqualTo(Verdict.OK);
  }

  @Test
  void hexQuantity_rejectsWhatIsNoNumberOrOverflows() {
    assertThat(JsonRpcCheck.hexQuantity("0x0")).hasValue(0);
    assertThat(JsonRpcCheck.hexQuantity("0x7fffffffffffffff")).hasValue(Long.MAX_VALUE);
    assertThat(JsonRpcCheck.hexQuantity("0xffffffffffffffff")).isEmpty();
    assertThat(JsonRpcCheck.hexQuantity("0x")).isEmpty();
    assertThat(JsonRpcCheck.hexQuantity("0xg1")).isEmpty();
    assertThat(JsonRpcCheck.hexQuantity("12")).isEmpty();
  }
}
