package dev.fisherman.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.genesis.Expect;
import dev.fisherman.genesis.RelayTemplate;
import dev.fisherman.genesis.Service;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelayRequestTemplateTest {

  private static Service service(Optional<String> body) {
    return new Service(
        "eth", new RelayTemplate("POST", "/rpc", Map.of("X-Api", "1"), body), Expect.DEFAULTS);
  }

  @Test
  void render_jsonObject_replacesTheIdAndKeepsEverythingElse() {
    RelayRequestTemplate t =
        RelayRequestTemplate.of(
            service(Optional.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\"}")));

    RelayRequest r = t.render(987654321L);

    assertThat(r.bodyText())
        .isEqualTo("{\"id\":987654321,\"jsonrpc\":\"2.0\",\"method\":\"eth_blockNumber\"}");
    assertThat(r.jsonRpcId()).hasValue(987654321L);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/rpc");
    assertThat(r.headers()).containsExactly(Map.entry("X-Api", "1"));
    assertThat(r.check().readsBody(200)).as("a JSON-RPC result is expected").isTrue();
  }

  @Test
  void render_emptyObject_getsOnlyTheId() {
    assertThat(RelayRequestTemplate.of(service(Optional.of("{}"))).render(5).bodyText())
        .isEqualTo("{\"id\":5}");
  }

  @Test
  void render_bodyThatIsNoObject_isSentAsIsWithoutId() {
    RelayRequest r = RelayRequestTemplate.of(service(Optional.of("[1,2]"))).render(5);

    assertThat(r.bodyText()).isEqualTo("[1,2]");
    assertThat(r.jsonRpcId()).isEmpty();
  }

  @Test
  void render_noBody_isEmpty() {
    RelayRequest r = RelayRequestTemplate.of(service(Optional.empty())).render(5);

    assertThat(r.bodyText()).isEmpty();
    assertThat(r.jsonRpcId()).isEmpty();
  }
}
