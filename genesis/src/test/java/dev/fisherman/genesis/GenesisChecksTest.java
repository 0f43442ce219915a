package dev.fisherman.genesis;

import static dev.fisherman.genesis.GenesisLoaderTest.messages;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Service kinds, chain ids, {@code params.checks} and {@code params.self_check}. */
class GenesisChecksTest {

  static String genesis(String params, String service) {
    return "{\"chain_id\": \"t\",\n"
        + "\"params\": {\"session\": {\"blocks_per_session\": 10, \"block_time\": \"6s\"}"
        + params
        + "},\n"
        + "\"services\": [\n"
        + service
        + "\n]}";
  }

  static Genesis load(String params, String service) throws GenesisException {
    return GenesisLoader.parse(genesis(params, service), "test.json");
  }

  @Test
  void parse_evmKindWithoutRelay_takesThePresetAndChecksDefaults() throws Exception {
    Genesis g = load("", "{\"id\": \"eth\", \"kind\": \"evm\", \"chain_id\": \"0x1\"}");

    Service eth = g.services().get(0);
    assertThat(eth.kind()).isEqualTo(ServiceKind.EVM);
    assertThat(eth.relay()).isEqualTo(ServiceKind.EVM.preset().orElseThrow());
    assertThat(eth.relay().body().orElseThrow()).contains("eth_blockNumber");
    assertThat(eth.expect()).isEqualTo(new Expect(true));
    assertThat(eth.chainId()).contains("0x1");
    assertThat(g.checks(eth)).isEqualTo(CheckParams.DEFAULTS);
    assertThat(g.params().selfCheck())
        .isEqualTo(new SelfCheckParams(Duration.ofSeconds(1), 0.8, List.of()));
  }

  @Test
  void parse_presetKinds_askForTheirHeight() throws Exception {
    Genesis g =
        load(
            "",
            "{\"id\": \"cosmos\", \"kind\": \"cometbft\"},\n{\"id\": \"sol\", \"kind\": \"solana\"}");

    assertThat(g.services().get(0).relay().path()).isEqualTo("/status");
    assertThat(g.services().get(0).relay().method()).isEqualTo("GET");
    assertThat(g.services().get(1).relay().body().orElseThrow()).contains("getSlot");
  }

  @Test
  void parse_withoutKind_isGenericJsonRpcAsBefore() throws Exception {
    Genesis g =
        load(
            "",
            "{\"id\": \"eth\", \"relay\": {\"method\": \"POST\", \"path\": \"/\", \"body\":"
                + " {\"jsonrpc\": \"2.0\", \"method\": \"eth_blockNumber\"}}}");

    assertThat(g.services().get(0).kind()).isEqualTo(ServiceKind.JSONRPC);
    assertThat(g.services().get(0).chainId()).isEmpty();
    assertThat(g.services().get(0).checks()).isEmpty();
  }

  @Test
  void parse_httpKind_expectsAny2xxByDefault() throws Exception {
    Genesis g =
        load(
            "",
            "{\"id\": \"web\", \"kind\": \"http\", \"relay\": {\"method\": \"GET\", \"path\": \"/\"}}");

    assertThat(g.services().get(0).expect()).isEqualTo(new Expect(false));
  }

  @Test
  void parse_genesisWideChecksAndServiceOverride_mergePerKey() throws Exception {
    Genesis g =
        load(
            ", \"checks\": {\"sync\": {\"allowance\": 3}, \"integrity\": {\"every\": 4,"
                + " \"offset\": [2, 8], \"quorum\": 0.6}}",
            "{\"id\": \"a\", \"kind\": \"evm\"},\n"
                + "{\"id\": \"b\", \"kind\": \"evm\", \"checks\": {\"sync\": {\"min_agreeing\": 3},"
                + " \"integrity\": {\"every\": 0}}}");

    CheckParams wide =
        new CheckParams(new CheckParams.Sync(2, 3), new CheckParams.Integrity(4, 2, 8, 0.6));
    assertThat(g.params().checks()).isEqualTo(wide);
    assertThat(g.checks(g.services().get(0))).isEqualTo(wide);
    assertThat(g.checks(g.services().get(1)))
        .isEqualTo(
            new CheckParams(new CheckParams.Sync(3, 3), new CheckParams.Integrity(0, 2, 8, 0.6)));
    assertThat(g.checks(g.services().get(1)).integrity().enabled()).isFalse();
  }

  @Test
  void parse_selfCheck_readsEveryKey() throws Exception {
    Genesis g =
        load(
            ", \"self_check\": {\"max_lateness\": \"300ms\", \"max_network_failures\": 1,"
                + " \"canaries\": [\"http://127.0.0.1:8545\", \"https://rpc.example\"]}",
            "{\"id\": \"eth\", \"kind\": \"evm\"}");

    assertThat(g.params().selfCheck())
        .isEqualTo(
            new SelfCheckParams(
                Duration.ofMillis(300),
                1.0,
                List.of(URI.create("http://127.0.0.1:8545"), URI.create("https://rpc.example"))));
  }

  @Test
  void parse_selfCheckDefaultLateness_isHalfTheRelayTimeout() throws Exception {
    Genesis g =
        load(", \"qos\": {\"relay_timeout\": \"3s\"}", "{\"id\": \"eth\", \"kind\": \"evm\"}");

    assertThat(g.params().selfCheck().maxLateness()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void parse_badKindAndChainId_areReported() {
    assertThat(
            messages(
                genesis(
                    "",
                    "{\"id\": \"a\", \"kind\": \"bitcoin\"},\n"
                        + "{\"id\": \"b\", \"kind\": \"http\", \"chain_id\": \"1\", \"relay\":"
                        + " {\"method\": \"GET\", \"path\": \"/\"}},\n"
                        + "{\"id\": \"c\", \"kind\": \"evm\", \"chain_id\": \"a b\"},\n"
                        + "{\"id\": \"d\", \"kind\": \"jsonrpc\"}")))
        .containsExactly(
            "services[0].kind: \"bitcoin\" at 4:21 (expected: one of evm, cometbft, solana, jsonrpc,"
                + " http)",
            "services[1].chain_id: \"1\" at 5:41 (expected: no chain_id with kind http; evm,"
                + " cometbft, solana and jsonrpc with reads.chain_id read one)",
            "services[2].chain_id: \"a b\" at 6:40 (expected: a chain id: 1 to 128 printable ASCII"
                + " characters other than space)",
            "services[3].relay: missing (expected: an object with method and path)");
  }

  @Test
  void parse_badChecks_areReported() {
    assertThat(
            messages(
                genesis(
                    ", \"checks\": {\"sync\": {\"min_agreeing\": 1, \"allowance\": -1},"
                        + " \"integrity\": {\"every\": 10001, \"offset\": [100, 10], \"quorum\": 1},"
                        + " \"extra\": 1}",
                    "{\"id\": \"a\", \"kind\": \"evm\", \"checks\": {\"integrity\": {\"offset\":"
                        + " [0, 5]}}}")))
        .containsExactly(
            "params.checks.sync.min_agreeing: 1 at 2:107 (expected: an integer from 2 to 10000)",
            "params.checks.sync.allowance: -1 at 2:123 (expected: an integer from 0 to 1000000)",
            "params.checks.integrity.every: 10001 at 2:151 (expected: an integer from 0 (off) to"
                + " 10000)",
            "params.checks.integrity.offset: [100,10] at 2:168 (expected: an array [min, max] of"
                + " integers with 1 <= min <= max <= 1000000)",
            "params.checks.integrity.quorum: 1 at 2:189 (expected: a number from 0 to 1, below 1)",
            "params.checks.extra: unknown key at 2:193 (expected: one of sync, integrity)",
            "services[0].checks.integrity.offset: [0,5] at 4:63 (expected: an array [min, max] of"
                + " integers with 1 <= min <= max <= 1000000)");
  }

  @Test
  void parse_badSelfCheck_isReported() {
    assertThat(
            messages(
                genesis(
                    ", \"self_check\": {\"max_lateness\": \"3s\", \"max_network_failures\": 0,"
                        + " \"canaries\": [\"ftp://x\", \"http://ok:1\"]}",
                    "{\"id\": \"a\", \"kind\": \"evm\"}")))
        .containsExactly(
            "params.self_check.max_lateness: \"3s\" at 2:102 (expected: at most relay_timeout, 2s)",
            "params.self_check.max_network_failures: 0 at 2:132 (expected: a number above 0 and at"
                + " most 1)",
            "params.self_check.canaries[0]: \"ftp://x\" at 2:148 (expected: an http or https URL with a"
                + " host and no path, query or fragment, such as http://127.0.0.1:9101)");
  }

  @Test
  void service_chainIdWithAKindThatReadsNone_isRejected() {
    RelayTemplate relay = new RelayTemplate("GET", "/", java.util.Map.of(), Optional.empty());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new Service(
                    "x",
                    ServiceKind.HTTP,
                    relay,
                    new Expect(false),
                    Optional.of("1"),
                    Optional.empty()))
        .hasMessage(
            "chain_id: with kind http (expected: evm, cometbft, solana, or jsonrpc with"
                + " reads.chain_id)");
  }

  // --- jsonrpc reads ----------------------------------------------------------------------------

  private static final String READS =
      "{\"id\": \"chain\", \"chain_id\": \"0x539\", \"reads\": {\n"
          + " \"height\": {\"method\": \"eth_blockNumber\"},\n"
          + " \"block_id\": {\"method\": \"eth_getBlockByNumber\", \"params\": [\"{height_hex}\","
          + " false], \"pointer\": \"/hash\"},\n"
          + " \"chain_id\": {\"method\": \"net_version\", \"params\": {}, \"pointer\": \"\"}}}";

  @Test
  void parse_jsonRpcReads_readsEachAndTheHeightRequestIsTheSamplingRequest() throws Exception {
    Service s = load("", READS).services().get(0);

    assertThat(s.kind()).isEqualTo(ServiceKind.JSONRPC);
    assertThat(s.chainId()).contains("0x539");
    JsonRpcReads reads = s.reads().orElseThrow();
    assertThat(reads.height()).contains(new JsonRpcReads.Read("eth_blockNumber", "[]", ""));
    assertThat(reads.blockId())
        .contains(
            new JsonRpcReads.Read("eth_getBlockByNumber", "[\"{height_hex}\",false]", "/hash"));
    assertThat(reads.chainId()).contains(new JsonRpcReads.Read("net_version", "{}", ""));
    assertThat(reads.blockId().orElseThrow().params(255)).isEqualTo("[\"0xff\",false]");
    assertThat(s.relay())
        .isEqualTo(
            new RelayTemplate(
                "POST",
                "/",
                java.util.Map.of(),
                Optional.of(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"eth_blockNumber\",\"params\":[],\"id\":1}")));
    assertThat(s.readsBlockId()).isTrue();
    assertThat(s.readsChainId()).isTrue();
  }

  @Test
  void parse_jsonRpcReadsWithARelay_keepTheRelayAsTheSamplingRequest() throws Exception {
    Service s =
        load(
                "",
                "{\"id\": \"x\", \"relay\": {\"method\": \"POST\", \"path\": \"/rpc\", \"body\":"
                    + " {\"jsonrpc\": \"2.0\", \"method\": \"status\"}}, \"reads\": {\"height\":"
                    + " {\"method\": \"status\", \"pointer\": \"/sync/height\"}}}")
            .services()
            .get(0);

    assertThat(s.relay().path()).isEqualTo("/rpc");
    assertThat(s.reads().orElseThrow().height().orElseThrow().pointer()).isEqualTo("/sync/height");
    assertThat(s.readsBlockId()).isFalse();
    assertThat(s.readsChainId()).isFalse();
  }

  @Test
  void parse_badJsonRpcReads_areReportedWithTheirPaths() {
    assertThat(
            messages(
                genesis(
                    "",
                    "{\"id\": \"a\", \"kind\": \"evm\", \"reads\": {\"height\": {\"method\":"
                        + " \"x\"}}},\n"
                        + "{\"id\": \"b\", \"reads\": {}},\n"
                        + "{\"id\": \"c\", \"reads\": {\"height\": {\"method\": \"a b\","
                        + " \"pointer\": \"hash\", \"x\": 1}}},\n"
                        + "{\"id\": \"d\", \"reads\": {\"block_id\": {\"method\": \"m\","
                        + " \"params\": [1]}}, \"relay\": {\"method\": \"POST\", \"path\": \"/\","
                        + " \"body\": {\"method\": \"m\"}}},\n"
                        + "{\"id\": \"e\", \"reads\": {\"height\": {\"method\": \"m\","
                        + " \"params\": [\"{height}\"]}, \"block_id\": {\"method\": \"m\"}}},\n"
                        + "{\"id\": \"f\", \"chain_id\": \"1\", \"reads\": {\"height\":"
                        + " {\"method\": \"m\", \"params\": {\"{height}\": 1}, \"pointer\": \"/a~2\"}}}")))
        .containsExactly(
            "services[0].reads: {\"height\":{\"method\":\"x\"}} at 4:37 (expected: no reads"
                + " with kind evm; only kind jsonrpc names its reads)",
            "services[1].reads: {} at 5:22 (expected: an object with height, block_id or"
                + " chain_id)",
            "services[2].reads.height.method: \"a b\" at 6:44 (expected: a JSON-RPC method name: 1"
                + " to 128 printable ASCII characters other than space, \" and \\)",
            "services[2].reads.height.pointer: \"hash\" at 6:62 (expected: a JSON pointer into"
                + " the result: \"\" for the result itself, else /-separated names such as /hash"
                + " (~0 for ~, ~1 for /))",
            "services[2].reads.height.x: unknown key at 6:70 (expected: one of method, params,"
                + " pointer)",
            "services[3].reads.block_id.params: [1] at 7:61 (expected: params holding the height"
                + " placeholder \"{height}\" (a number) or \"{height_hex}\" (a hex string) as a"
                + " value)",
            "services[4].reads.height.params: [\"{height}\"] at 8:59 (expected: params without a"
                + " height placeholder: only block_id is asked at a height)",
            "services[4].reads.block_id.params: missing (expected: params holding the height"
                + " placeholder \"{height}\" (a number) or \"{height_hex}\" (a hex string) as a"
                + " value)",
            "services[5].reads.height.params[\"{height}\"]: height placeholder as a key at 9:77"
                + " (expected: the placeholder as a value)",
            "services[5].reads.height.pointer: \"/a~2\" at 9:104 (expected: a JSON pointer into"
                + " the result: \"\" for the result itself, else /-separated names such as /hash"
                + " (~0 for ~, ~1 for /))");
  }

  @Test
  void parse_chainIdOnJsonRpcWithoutReadsChainId_isReported() {
    assertThat(
            messages(
                genesis(
                    "",
                    "{\"id\": \"f\", \"chain_id\": \"1\", \"reads\": {\"height\":"
                        + " {\"method\": \"m\"}}}")))
        .containsExactly(
            "services[0].chain_id: \"1\" at 4:25 (expected: no chain_id with kind jsonrpc without"
                + " reads.chain_id; evm, cometbft, solana and jsonrpc with reads.chain_id read"
                + " one)");
  }

  @Test
  void service_readsWithAnotherKind_isRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new Service(
                    "x",
                    ServiceKind.EVM,
                    ServiceKind.EVM.preset().orElseThrow(),
                    new Expect(true),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(
                        new JsonRpcReads(
                            Optional.of(new JsonRpcReads.Read("m", "[]", "")),
                            Optional.empty(),
                            Optional.empty()))))
        .hasMessage("reads: with kind evm (expected: kind jsonrpc)");
  }

  @Test
  void read_blockIdWithoutPlaceholder_isRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new JsonRpcReads(
                    Optional.empty(),
                    Optional.of(new JsonRpcReads.Read("m", "[1]", "/hash")),
                    Optional.empty()))
        .hasMessage(
            "reads.block_id.params: [1] (expected: params holding \"{height}\" or"
                + " \"{height_hex}\")");
  }
}
