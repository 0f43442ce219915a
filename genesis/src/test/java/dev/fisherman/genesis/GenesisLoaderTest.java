package dev.fisherman.genesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GenesisLoaderTest {
  static final Path EXAMPLES = Path.of("examples");

  private static final String MINIMAL =
      """
      {
        "chain_id": "tiny",
        "params": { "session": { "blocks_per_session": 10, "block_time": "6s" } },
        "services": [
          { "id": "eth", "relay": { "method": "POST", "path": "/",
            "body": { "jsonrpc": "2.0", "method": "eth_blockNumber" } } }
        ]
      }
      """;

  static List<String> messages(String json) {
    GenesisException e =
        catchThrowableOfType(GenesisException.class, () -> GenesisLoader.parse(json, "test.json"));
    assertThat(e).as("expected the genesis to be rejected").isNotNull();
    return e.problems().stream().map(GenesisProblem::message).toList();
  }

  @Test
  void load_localnetExample_hasEveryValueAsWritten() throws Exception {
    Genesis g = GenesisLoader.load(EXAMPLES.resolve("localnet.json"));

    assertThat(g.chainId()).isEqualTo("localnet");
    assertThat(g.params().session()).isEqualTo(new SessionParams(4, Duration.ofSeconds(15)));
    assertThat(g.params().session().sessionLength()).isEqualTo(Duration.ofMinutes(1));
    assertThat(g.qos())
        .isEqualTo(
            new QosParams(
                60,
                Distribution.STRATIFIED,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofMillis(250),
                0.9,
                5,
                ConnectionMode.REUSE,
                1_048_576,
                4));
    assertThat(g.services())
        .containsExactly(
            new Service(
                "eth",
                ServiceKind.EVM,
                new RelayTemplate(
                    "POST",
                    "/",
                    Map.of(),
                    Optional.of(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"eth_blockNumber\",\"params\":[],\"id\":1}")),
                new Expect(true),
                Optional.of("0x539"),
                Optional.empty()));
    assertThat(g.params().checks()).isEqualTo(CheckParams.DEFAULTS);
    assertThat(g.servicers())
        .containsExactly(
            new Servicer("healthy-fast", URI.create("http://127.0.0.1:9101"), List.of("eth")),
            new Servicer("healthy-slow", URI.create("http://127.0.0.1:9102"), List.of("eth")),
            new Servicer("flaky", URI.create("http://127.0.0.1:9103"), List.of("eth")),
            new Servicer("down", URI.create("http://127.0.0.1:9104"), List.of("eth")),
            new Servicer("lagging", URI.create("http://127.0.0.1:9105"), List.of("eth")),
            new Servicer("forked", URI.create("http://127.0.0.1:9106"), List.of("eth")),
            new Servicer("wrong-chain", URI.create("http://127.0.0.1:9107"), List.of("eth")));
  }

  @Test
  void load_mainnetLikeExample_hasFourServicesAndFourServicers() throws Exception {
    Genesis g = GenesisLoader.load(EXAMPLES.resolve("mainnet-like.json"));

    assertThat(g.services())
        .extracting(Service::id)
        .containsExactly("eth", "solana", "0021", "cosmos-status");
    assertThat(g.service("solana").orElseThrow().relay().body())
        .contains(
            "{\"jsonrpc\":\"2.0\",\"method\":\"getSlot\","
                + "\"params\":[{\"commitment\":\"finalized\"}],\"id\":1}");
    assertThat(g.service("solana").orElseThrow().expect()).isEqualTo(Expect.DEFAULTS);
    Service status = g.service("cosmos-status").orElseThrow();
    assertThat(status.relay())
        .isEqualTo(
            new RelayTemplate(
                "GET", "/status", Map.of("Accept", "application/json"), Optional.empty()));
    assertThat(status.expect()).isEqualTo(new Expect(false));
    assertThat(g.servicers()).hasSize(4);
    assertThat(g.servicers().get(3).url()).isEqualTo(URI.create("https://[2001:db8::17]:443/"));
    assertThat(g.servicers().get(3).services())
        .containsExactly("eth", "solana", "0021", "cosmos-status");
  }

  @Test
  void load_mainnetLikeExample_rpcTypeDefaultsToJsonRpc() throws Exception {
    Genesis g = GenesisLoader.load(EXAMPLES.resolve("mainnet-like.json"));

    assertThat(g.service("eth").orElseThrow().rpcType()).isEqualTo(RpcType.JSON_RPC);
    assertThat(g.service("cosmos-status").orElseThrow().rpcType()).isEqualTo(RpcType.COMET_BFT);
    assertThat(RpcType.COMET_BFT.number()).isEqualTo(5);
    assertThat(RpcType.COMET_BFT.chainName()).isEqualTo("COMET_BFT");
  }

  @Test
  void parse_rpcTypeRest_isReadAndNumberedAsTheChainDoes() throws Exception {
    Genesis g =
        GenesisLoader.parse(
            MINIMAL.replace("{ \"id\": \"eth\",", "{ \"id\": \"eth\", \"rpc_type\": \"rest\","),
            "rest.json");

    assertThat(g.services().get(0).rpcType()).isEqualTo(RpcType.REST);
    assertThat(RpcType.REST.number()).isEqualTo(4);
    assertThat(RpcType.JSON_RPC.number()).isEqualTo(3);
  }

  @Test
  void parse_withoutQosAndServicers_takesTheDefaults() throws Exception {
    Genesis g = GenesisLoader.parse(MINIMAL, "minimal.json");

    assertThat(g.qos()).isEqualTo(QosParams.DEFAULTS);
    assertThat(g.servicers()).isEmpty();
    assertThat(g.services().get(0).expect()).isEqualTo(Expect.DEFAULTS);
    assertThat(g.services().get(0).relay().headers()).isEmpty();
  }

  @Test
  void parse_partialQos_defaultsOnlyTheFieldsLeftOut() throws Exception {
    String json =
        MINIMAL.replace(
            "\"block_time\": \"6s\" }",
            "\"block_time\": \"6s\" }, \"qos\": { \"distribution\": \"poisson\", \"min_availability\": 1 }");

    QosParams qos = GenesisLoader.parse(json, "partial.json").qos();

    assertThat(qos.distribution()).isEqualTo(Distribution.POISSON);
    assertThat(qos.minAvailability()).isEqualTo(1.0);
    assertThat(qos.probesPerSession()).isEqualTo(QosParams.DEFAULTS.probesPerSession());
    assertThat(qos.relayTimeout()).isEqualTo(QosParams.DEFAULTS.relayTimeout());
  }

  @Test
  void parse_byteOrderMark_isAccepted() throws Exception {
    assertThat(GenesisLoader.parse("\uFEFF" + MINIMAL, "bom.json").chainId()).isEqualTo("tiny");
  }

  @Test
  void parse_bodyNumbers_keepTheirWrittenForm() throws Exception {
    String json =
        MINIMAL.replace("\"method\": \"eth_blockNumber\"", "\"method\": \"m\", \"x\": 1.50e3");

    assertThat(GenesisLoader.parse(json, "n.json").services().get(0).relay().body())
        .contains("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"x\":1.50e3}");
  }

  @Test
  void parse_designExample_pointsAtTheValue() {
    String json =
        MINIMAL.replace(
            "\"block_time\": \"6s\" }",
            "\"block_time\": \"6s\" },\n\"qos\": {\n\"relay_timeout\": \"2 seconds\" }");

    assertThat(messages(json))
        .containsExactly(
            "params.qos.relay_timeout: \"2 seconds\" at 5:18 (expected: a duration such as 500ms or 2s)");
  }

  @Test
  void parse_manyProblems_areReportedInDocumentOrderWhateverTheCheckOrder() {
    String json =
        """
        {
          "servicers": [ { "address": "a", "url": "ftp://x", "services": ["eth"] } ],
          "services": [ { "id": "eth", "relay": { "method": "GET", "path": "x" } } ],
          "params": { "session": { "blocks_per_session": 0, "block_time": "1s" } },
          "chain_id": 7
        }
        """;

    assertThat(messages(json))
        .containsExactly(
            "servicers[0].url: \"ftp://x\" at 2:43 (expected: an http or https URL with a host and"
                + " no path, query or fragment, such as http://127.0.0.1:9101)",
            "services[0].relay.body: missing (expected: a JSON-RPC request object with a string"
                + " method, because expect.jsonrpc_result is true)",
            "services[0].relay.path: \"x\" at 3:68 (expected: a path that starts with / and has only"
                + " printable ASCII characters other than space and #, at most 2048 characters)",
            "params.session.blocks_per_session: 0 at 4:50 (expected: an integer from 1 to 1000000)",
            "chain_id: 7 at 5:15 (expected: a chain id: 1 to 64 letters, digits, '.', '_' or '-',"
                + " starting with a letter or digit)");
  }

  @Test
  void parse_problem_carriesItsPath() {
    GenesisException e =
        catchThrowableOfType(
            GenesisException.class,
            () -> GenesisLoader.parse(MINIMAL.replace("\"6s\"", "\"6 s\""), "p.json"));

    assertThat(e.problems())
        .extracting(GenesisProblem::path)
        .containsExactly("params.session.block_time");
    assertThat(e).hasMessage(e.problems().get(0).message());
  }

  @Test
  void parse_unknownKeyWithSpaces_isQuotedInThePath() {
    assertThat(messages(MINIMAL.replace("\"chain_id\"", "\"chain id\": 1, \"chain_id\"")))
        .containsExactly(
            "[\"chain id\"]: unknown key at 2:3 (expected: one of chain_id, params, services,"
                + " servicers)");
  }

  @Test
  void parse_emptyOrBlankText_isEmpty() {
    assertThat(messages("")).containsExactly("test.json: empty (expected: a JSON genesis object)");
    assertThat(messages(" \n\t "))
        .containsExactly("test.json: empty (expected: a JSON genesis object)");
  }

  @Test
  void parse_textWithNul_isBinary() {
    assertThat(messages("{\"a\u0000"))
        .containsExactly(
            "test.json: binary data at byte offset 3 (expected: a JSON genesis object in UTF-8 text)");
  }

  @Test
  void parse_textOverTheCap_isRejectedBeforeParsing() {
    String huge = "{\"chain_id\": \"" + "x".repeat(GenesisLoader.MAX_BYTES) + "\"}";

    assertThat(messages(huge))
        .containsExactly("test.json: 1048592 bytes (expected: at most 1048576)");
  }

  @Test
  void parse_deepNesting_isOneProblemNotAStackOverflow() {
    String deep = "[".repeat(5000) + "]".repeat(5000);

    assertThat(messages(deep))
        .containsExactly(
            "test.json: invalid JSON at 1:1002 (Document nesting depth (1001) exceeds the maximum"
                + " allowed (1000))");
  }

  @Test
  void parse_everyPrefixOfAnExample_failsWithProblemsNeverWithAnotherException() throws Exception {
    String full = Files.readString(EXAMPLES.resolve("mainnet-like.json"));
    int trimmedEnd = full.stripTrailing().length();

    for (int i = 0; i < trimmedEnd; i++) {
      String prefix = full.substring(0, i);
      assertThat(
              catchThrowableOfType(GenesisException.class, () -> GenesisLoader.parse(prefix, "p")))
          .as("prefix of %d chars", i)
          .isNotNull()
          .extracting(e -> e.problems().size())
          .isEqualTo(1);
    }
  }
}
