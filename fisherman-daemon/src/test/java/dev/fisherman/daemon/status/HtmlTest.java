package dev.fisherman.daemon.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escape_scriptTag_becomesText() {
    assertThat(Html.escape("<script>alert(1)</script>"))
        .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void escape_quotesAndApostrophes_cannotCloseAnAttribute() {
    assertThat(Html.escape("\" onmouseover='x'")).isEqualTo("&quot; onmouseover=&#39;x&#39;");
  }

  @Test
  void escape_ampersandInAnAddress_isEscapedOnce() {
    assertThat(Html.escape("node&co?a=1&b=2")).isEqualTo("node&amp;co?a=1&amp;b=2");
    assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
  }

  @Test
  void escape_plainText_isReturnedAsIs() {
    String plain = "healthy-fast 0xabc é";
    assertThat(Html.escape(plain)).isSameAs(plain);
  }

  @Test
  void segment_percentEncodesThenEscapes() {
    assertThat(Html.segment("a b/<c>&\"")).isEqualTo("a%20b%2F%3Cc%3E%26%22");
    assertThat(Html.segment("s-1")).isEqualTo("s-1");
  }
}
