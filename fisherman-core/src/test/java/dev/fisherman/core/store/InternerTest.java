package dev.fisherman.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class InternerTest {

  @Test
  void intern_equalValues_returnTheFirstInstance() {
    Interner<URI> urls = new Interner<>(16);
    URI first = URI.create("https://servicer-1.example.net:443/v1");
    URI again = URI.create("https://servicer-1.example.net:443/v1");

    assertThat(urls.intern(first)).isSameAs(first);
    assertThat(urls.intern(again)).isSameAs(first);
    assertThat(urls.size()).isEqualTo(1);
  }

  @Test
  void intern_byString_keepsUrlsThatUriEqualsMergesApart() {
    Interner<URI> urls = new Interner<>(16, URI::toString);
    URI lower = URI.create("http://servicer.example.net:8545/v1");
    URI upper = URI.create("HTTP://Servicer.Example.NET:8545/v1");

    assertThat(upper).isEqualTo(lower);
    assertThat(urls.intern(lower)).isSameAs(lower);
    assertThat(urls.intern(upper)).isSameAs(upper);
    assertThat(urls.intern(URI.create("http://servicer.example.net:8545/v1"))).isSameAs(lower);
    assertThat(urls.size()).isEqualTo(2);
  }

  @Test
  void intern_moreDistinctValuesThanTheBound_remembersAtMostTheBound() {
    Interner<String> addresses = new Interner<>(64);

    for (int i = 0; i < 10_000; i++) {
      String a = "pokt1servicer" + i;
      assertThat(addresses.intern(a)).isEqualTo(a);
      assertThat(addresses.size()).isLessThanOrEqualTo(64);
    }
    assertThat(addresses.maxValues()).isEqualTo(64);
  }

  @Test
  void intern_afterTheBoundPushedAValueOut_stillReturnsAnEqualValue() {
    Interner<String> addresses = new Interner<>(1);
    String a = new String("pokt1a");
    addresses.intern(a);
    addresses.intern("pokt1b");

    String again = new String("pokt1a");

    assertThat(addresses.intern(again)).isEqualTo(a);
    assertThat(addresses.size()).isEqualTo(1);
  }

  @Test
  void new_noRoom_isRejected() {
    assertThatThrownBy(() -> new Interner<String>(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxValues: 0 (expected: >= 1)");
  }
}
