package dev.fisherman.genesis.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

  private static JsonSyntaxException failure(byte[] bytes) {
    return catchThrowableOfType(
        JsonSyntaxException.class, () -> JsonReader.read(bytes, JsonReader.Duplicates.KEEP));
  }

  @Test
  void decodeUtf8_malformedByte_isRefusedAtItsOffset() {
    byte[] bytes = "{\"serv_ice\":1}".getBytes(StandardCharsets.UTF_8);
    bytes[6] = (byte) 0xFF;
    JsonSyntaxException e = failure(bytes);
    assertThat(e.kind()).isEqualTo(JsonSyntaxException.Kind.NOT_UTF8);
    assertThat(e.byteOffset()).isEqualTo(6);
  }

  @Test
  void decodeUtf8_overlongNul_isRefused() {
    byte[] bytes = {'{', '"', 'a', (byte) 0xC0, (byte) 0x80, '"', ':', '1', '}'};
    JsonSyntaxException e = failure(bytes);
    assertThat(e.kind()).isEqualTo(JsonSyntaxException.Kind.NOT_UTF8);
    assertThat(e.byteOffset()).isEqualTo(3);
  }

  @Test
  void decodeUtf8_utf16WithOrWithoutByteOrderMark_isRefused() {
    for (var charset :
        new java.nio.charset.Charset[] {
          StandardCharsets.UTF_16, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE
        }) {
      JsonSyntaxException e = failure("{\"a\":1}".getBytes(charset));
      assertThat(e.kind()).as("%s", charset).isEqualTo(JsonSyntaxException.Kind.NOT_UTF8);
    }
  }

  @Test
  void read_utf8WithByteOrderMark_isRead() throws Exception {
    Node n =
        JsonReader.read(
            "\uFEFF{\"a\":1}".getBytes(StandardCharsets.UTF_8), JsonReader.Duplicates.KEEP);
    assertThat(JsonReader.compact(n)).isEqualTo("{\"a\":1}");
  }

  @Test
  void read_duplicates_keptOrRefused() throws Exception {
    Node kept = JsonReader.read("{\"a\":1,\"a\":2}", JsonReader.Duplicates.KEEP);
    assertThat(((Node.Obj) kept).members()).hasSize(2);
    JsonSyntaxException e =
        catchThrowableOfType(
            JsonSyntaxException.class,
            () -> JsonReader.read("{\"a\\n\":1,\"a\\n\":2}", JsonReader.Duplicates.REFUSE));
    assertThat(e.kind()).isEqualTo(JsonSyntaxException.Kind.INVALID);
    assertThat(e.detail()).isEqualTo("Duplicate field 'a\\n'");
  }

  @Test
  void read_trailingToken_namesItsType() {
    JsonSyntaxException e =
        catchThrowableOfType(
            JsonSyntaxException.class, () -> JsonReader.read("{} []", JsonReader.Duplicates.KEEP));
    assertThat(e.kind()).isEqualTo(JsonSyntaxException.Kind.TRAILING);
    assertThat(e.pos()).hasValue(new Node.Pos(1, 4));
    assertThat(e.detail()).isEqualTo("START_ARRAY");
  }

  @Test
  void quote_escapesEveryCharacterThatCouldBreakOrForgeALogLine() {
    String hostile = "a\nb\r\u001b[31m\u007f\u009b2J\u2028\u2029\u202e\u200bé";
    String quoted = JsonReader.quote(hostile);
    assertThat(quoted)
        .isEqualTo("\"a\\nb\\r\\u001B[31m\\u007F\\u009B2J\\u2028\\u2029\\u202E\\u200Bé\"");
    assertThat(JsonReader.escape(hostile))
        .isEqualTo("a\\nb\\r\\u001B[31m\\u007F\\u009B2J\\u2028\\u2029\\u202E\\u200Bé");
    assertThat(JsonReader.child("", hostile)).doesNotContain("\n", "\r", "\u001b", "\u2028");
  }
}
