package dev.fisherman.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.genesis.Expect;
import dev.fisherman.genesis.JsonRpcReads;
import dev.fisherman.genesis.RelayTemplate;
import dev.fisherman.genesis.Service;
import dev.fisherman.genesis.ServiceKind;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ServiceChecksTest {
  static Service service(ServiceKind kind) {
    var relay =
        kind.preset()
            .map(
                r ->
                    new dev.fisherman.genesis.RelayTemplate(
                        r.method(), r.path(), Map.of("X-Api", "k"), r.body()))
            .orElseThrow();
    return new Service("s", kind, relay, kind.defaultExpect(), Optional.of("1"), Optional.empty());
  }

  static ResponseCheck.Verdict read(ResponseCheck check, String body, OptionalLong id) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return check.judge(200, b, 0, b.length, id);
  }

  @Test
  void evm_readsHeightBlockHashAndChainId() {
    ServiceChecks c = ServiceChecks.of(service(ServiceKind.EVM));
    ServiceChecks.Request block = c.integrity(0x1b4).orElseThrow();
    ServiceChecks.Request chain = c.chain().orElseThrow();

    assertThat(read(c.sampling(), "{\"id\":3,\"result\":\"0x1b4\"}", OptionalLong.of(3)).facts())
        .isEqualTo(ProbeFacts.height(0x1b4));
    assertThat(block.relay().body().orElseThrow())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"method\":\"eth_getBlockByNumber\",\"params\":[\"0x1b4\",false],\"id\":1}");
    assertThat(block.relay().headers()).containsEntry("X-Api", "k");
    assertThat(
            read(
                    block.check(),
                    "{\"id\":3,\"result\":{\"number\":\"0x1b4\",\"hash\":\"0xABC\"}}",
                    OptionalLong.of(3))
                .facts()
                .blockId())
        .contains(ProbeFacts.digest("0xabc"));
    assertThat(
            read(chain.check(), "{\"id\":3,\"result\":\"0x1\"}", OptionalLong.of(3))
                .facts()
                .chainId())
        .contains("0x1");
    assertThat(chain.relay().body().orElseThrow()).contains("\"eth_chainId\"");
  }

  @Test
  void evm_unknownBlock_readsNoIdentifierButIsOk() {
    ServiceChecks.Request block =
        ServiceChecks.of(service(ServiceKind.EVM)).integrity(5).orElseThrow();

    ResponseCheck.Verdict v = read(block.check(), "{\"id\":3,\"result\":null}", OptionalLong.of(3));
    assertThat(v.outcome()).isEqualTo(Outcome.OK);
    assertThat(v.facts().blockId()).isEmpty();
  }

  @Test
  void cometbft_readsStringHeightNetworkAndBlockIdHash() {
    ServiceChecks c = ServiceChecks.of(service(ServiceKind.COMETBFT));
    String status =
        "{\"jsonrpc\":\"2.0\",\"id\":-1,\"result\":{\"node_info\":{\"network\":\"cosmoshub-4\"},"
            + "\"sync_info\":{\"latest_block_height\":\"19000123\"}}}";

    ProbeFacts facts = read(c.sampling(), status, OptionalLong.empty()).facts();
    assertThat(facts.blockHeight()).hasValue(19_000_123);
    assertThat(facts.chainId()).contains("cosmoshub-4");
    ServiceChecks.Request block = c.integrity(42).orElseThrow();
    assertThat(block.relay().path()).isEqualTo("/block?height=42");
    assertThat(block.relay().method()).isEqualTo("GET");
    assertThat(
            read(
                    block.check(),
                    "{\"id\":-1,\"result\":{\"block_id\":{\"hash\":\"F00D\"}}}",
                    OptionalLong.empty())
                .facts()
                .blockId())
        .contains(ProbeFacts.digest("f00d"));
  }

  @Test
  void solana_readsSlotBlockhashAndGenesisHash() {
    ServiceChecks c = ServiceChecks.of(service(ServiceKind.SOLANA));

    assertThat(read(c.sampling(), "{\"id\":1,\"result\":250000000}", OptionalLong.of(1)).facts())
        .isEqualTo(ProbeFacts.height(250_000_000));
    ServiceChecks.Request block = c.integrity(249_999_950).orElseThrow();
    assertThat(block.relay().body().orElseThrow())
        .contains("\"getBlock\"", "[249999950,", "\"transactionDetails\":\"none\"");
    assertThat(
            read(block.check(), "{\"id\":1,\"result\":{\"blockhash\":\"5Xy\"}}", OptionalLong.of(1))
                .facts()
                .blockId())
        .contains(ProbeFacts.digest("5xy"));
    assertThat(c.chain().orElseThrow().relay().body().orElseThrow()).contains("getGenesisHash");
  }

  @Test
  void genericKinds_haveNoIntegrityOrChainRequest() {
    Service generic = new Service("g", ServiceKind.EVM.preset().orElseThrow(), new Expect(true));

    assertThat(ServiceChecks.of(generic).integrity(1)).isEmpty();
    assertThat(ServiceChecks.of(generic).chain()).isEmpty();
    assertThat(ServiceChecks.of(generic).readsIdentifiers()).isFalse();
  }

  @Test
  void sameChain_comparesNumbersAcrossBasesAndTextIgnoringCase() {
    assertThat(ServiceChecks.sameChain("1", "0x1")).isTrue();
    assertThat(ServiceChecks.sameChain("0x89", "137")).isTrue();
    assertThat(ServiceChecks.sameChain("0x1", "0x5")).isFalse();
    assertThat(ServiceChecks.sameChain("Cosmoshub-4", "cosmoshub-4")).isTrue();
    assertThat(ServiceChecks.sameChain("cosmoshub-4", "theta")).isFalse();
  }

  // --- jsonrpc with operator-named reads ---------------------------------------------------------

  static Service jsonRpc(JsonRpcReads reads) {
    var relay =
        new RelayTemplate(
            "POST",
            "/rpc",
            Map.of("X-Api", "k"),
            Optional.of("{\"jsonrpc\":\"2.0\",\"method\":\"status\",\"params\":[],\"id\":1}"));
    return new Service(
        "s",
        ServiceKind.JSONRPC,
        relay,
        new Expect(true),
        reads.chainId().isPresent() ? Optional.of("7") : Optional.empty(),
        Optional.empty(),
        Optional.of(reads));
  }

  private static final JsonRpcReads READS =
      new JsonRpcReads(
          Optional.of(new JsonRpcReads.Read("status", "[]", "/sync/latest_height")),
          Optional.of(
              new JsonRpcReads.Read(
                  "block_at", "{\"height\":\"{height}\",\"hex\":[\"{height_hex}\"]}", "/id")),
          Optional.of(new JsonRpcReads.Read("network", "[]", "/chain~1id")));

  @Test
  void jsonRpcReads_heightAtThePointer_asHexDecimalStringOrInteger() {
    ResponseCheck c = ServiceChecks.of(jsonRpc(READS)).sampling();
    OptionalLong id = OptionalLong.of(3);

    for (String value : java.util.List.of("\"0x1b4\"", "\"436\"", "436")) {
      assertThat(
              read(c, "{\"id\":3,\"result\":{\"sync\":{\"latest_height\":" + value + "}}}", id)
                  .facts())
          .as(value)
          .isEqualTo(ProbeFacts.height(436));
    }
    for (String value :
        java.util.List.of("\"0x\"", "\"-1\"", "-1", "1.5", "\"tall\"", "null", "{}", "[436]")) {
      ResponseCheck.Verdict v =
          read(c, "{\"id\":3,\"result\":{\"sync\":{\"latest_height\":" + value + "}}}", id);
      assertThat(v.outcome()).as(value).isEqualTo(Outcome.OK);
      assertThat(v.facts()).as(value).isEqualTo(ProbeFacts.NONE);
    }
    // Pointing at a member of a result that is not an object reads nothing, but is an answer.
    assertThat(read(c, "{\"id\":3,\"result\":\"0x1b4\"}", id).facts()).isEqualTo(ProbeFacts.NONE);
    assertThat(read(c, "{\"id\":4,\"result\":{}}", id).outcome())
        .isEqualTo(Outcome.INVALID_RESPONSE);
  }

  @Test
  void jsonRpcReads_emptyPointer_readsTheWholeResult() {
    ResponseCheck c =
        ServiceChecks.of(
                jsonRpc(
                    new JsonRpcReads(
                        Optional.of(new JsonRpcReads.Read("height", "[]", "")),
                        Optional.empty(),
                        Optional.empty())))
            .sampling();

    assertThat(read(c, "{\"id\":3,\"result\":\"0x10\"}", OptionalLong.of(3)).facts())
        .isEqualTo(ProbeFacts.height(16));
    assertThat(read(c, "{\"id\":3,\"result\":16}", OptionalLong.of(3)).facts())
        .isEqualTo(ProbeFacts.height(16));
  }

  @Test
  void jsonRpcReads_blockIdAndChainId_askTheNamedMethodsWithTheHeightFilledIn() {
    ServiceChecks c = ServiceChecks.of(jsonRpc(READS));
    ServiceChecks.Request block = c.integrity(255).orElseThrow();
    ServiceChecks.Request chain = c.chain().orElseThrow();

    assertThat(c.readsIdentifiers()).isTrue();
    assertThat(block.relay().body().orElseThrow())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"method\":\"block_at\",\"params\":{\"height\":255,\"hex\":[\"0xff\"]},\"id\":1}");
    assertThat(block.relay().path()).isEqualTo("/rpc");
    assertThat(block.relay().headers()).containsEntry("X-Api", "k");
    assertThat(
            read(block.check(), "{\"id\":3,\"result\":{\"id\":\"0xABC\"}}", OptionalLong.of(3))
                .facts()
                .blockId())
        .contains(ProbeFacts.digest("0xabc"));
    assertThat(
            read(block.check(), "{\"id\":3,\"result\":{\"id\":42}}", OptionalLong.of(3))
                .facts()
                .blockId())
        .contains(ProbeFacts.digest("42"));
    assertThat(chain.relay().body().orElseThrow())
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"network\",\"params\":[],\"id\":1}");
    assertThat(
            read(chain.check(), "{\"id\":3,\"result\":{\"chain/id\":7}}", OptionalLong.of(3))
                .facts()
                .chainId())
        .contains("7");
  }

  @Test
  void jsonRpcReads_withoutHeight_readsNoHeightAndWithoutBlockIdHasNoIntegrityRound() {
    ServiceChecks c =
        ServiceChecks.of(
            jsonRpc(
                new JsonRpcReads(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(new JsonRpcReads.Read("network", "[]", "")))));

    assertThat(read(c.sampling(), "{\"id\":3,\"result\":\"0x1b4\"}", OptionalLong.of(3)).facts())
        .isEqualTo(ProbeFacts.NONE);
    assertThat(c.readsIdentifiers()).isFalse();
    assertThat(c.integrity(10)).isEmpty();
    assertThat(c.chain()).isPresent();
  }
}
