package dev.fisherman.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fisherman.core.check.ResponseCheck.Verdict;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON-RPC response check over arbitrary servicer answers. {@code make test} replays {@code
 * JsonRpcCheckFuzzTestInputs/}; {@code make fuzz} mutates.
 */
class JsonRpcCheckFuzzTest {
  /** A raw control character or line separator: one in a detail could forge a log line. */
  private static final Pattern CONTROL = Pattern.compile("(?s).*[\\p{Cc}\\u2028\\u2029].*");

  /** The outcomes a check may give; the transport ones (timeouts, resets) are not its to give. */
  private static final Set<Outcome> CHECK_OUTCOMES =
      EnumSet.of(Outcome.OK, Outcome.HTTP_STATUS, Outcome.RPC_ERROR, Outcome.INVALID_RESPONSE);

  private static final ResponseCheck POINTERS =
      new JsonRpcCheck(JsonRpcCheck.ResultReader.pointer("/h", "/b/0/~1id", ""));

  @FuzzTest(maxDuration = "60s")
  void judge(FuzzedDataProvider data) {
    int reader = data.consumeInt(0, 2);
    boolean heights = reader > 0;
    // The generic height reader, none, or the JSON pointers of a jsonrpc service's reads.
    ResponseCheck check =
        switch (reader) {
          case 0 -> JsonRpcCheck.NO_FACTS;
          case 1 -> JsonRpcCheck.HEX_RESULT_IS_HEIGHT;
          default -> POINTERS;
        };
    int status = data.pickValue(new int[] {200, 200, 200, 204, 299, 302, 404, 500, 503});
    OptionalLong id =
        data.consumeBoolean() ? OptionalLong.of(data.consumeLong()) : OptionalLong.empty();
    int pad = data.consumeInt(0, 8);
    byte[] body = data.consumeRemainingAsBytes();

    // The body is judged where it lies in a larger buffer, as the relay client hands it over.
    byte[] framed = new byte[body.length + 2 * pad];
    java.util.Arrays.fill(framed, (byte) '{');
    System.arraycopy(body, 0, framed, pad, body.length);
    Verdict v = check.judge(status, framed, pad, body.length, id);

    assertThat(v).isEqualTo(check.judge(status, body, 0, body.length, id));
    assertThat(v.outcome()).isIn(CHECK_OUTCOMES);
    assertThat(v.detail()).doesNotMatch(CONTROL).hasSizeLessThanOrEqualTo(200);
    if (status < 200 || status > 299) {
      assertThat(v).isEqualTo(Verdict.httpStatus(status));
    }
    if (v.rpcErrorCode().isPresent()) {
      assertThat(v.outcome()).isEqualTo(Outcome.RPC_ERROR);
    }
    if (!heights) {
      assertThat(v.facts()).isEqualTo(ProbeFacts.NONE);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void validAnswer_isOkWithItsHeight(long id, long height, boolean stringId) {
    long h = height & Long.MAX_VALUE;
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + (stringId ? "\"" + id + "\"" : Long.toString(id))
            + ",\"result\":\"0x"
            + Long.toHexString(h)
            + "\"}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    Verdict v =
        JsonRpcCheck.HEX_RESULT_IS_HEIGHT.judge(200, bytes, 0, bytes.length, OptionalLong.of(id));

    assertThat(v)
        .isEqualTo(new Verdict(Outcome.OK, OptionalLong.empty(), ProbeFacts.height(h), ""));
  }
}
