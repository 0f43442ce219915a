package dev.fisherman.daemon.source.cometbft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisherman.genesis.input.ServicerUrl;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeRepliesTest {
  private static final String HEADER =
      "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"query\":\"tm.event='NewBlockHeader'\","
          + "\"data\":{\"type\":\"tendermint/event/NewBlockHeader\",\"value\":{\"header\":"
          + "{\"version\":{\"block\":\"11\"},\"chain_id\":\"pocket\",\"height\":\"%s\","
          + "\"time\":\"2026-01-01T00:00:00.123456789Z\",\"proposer_address\":\"AB\"}}},"
          + "\"events\":{\"tm.event\":[\"NewBlockHeader\"]}}}";

  private static byte[] session(String end, String url) {
    return ("{\"session\":{\"header\":{\"application_address\":\"pokt1app\",\"service_id\":\"eth\","
            + "\"session_id\":\"ab12\",\"session_start_block_height\":\"11\","
            + "\"session_end_block_height\":\""
            + end
            + "\"},\"session_number\":\"2\",\"num_blocks_per_session\":\"10\","
            + "\"application\":{\"address\":\"pokt1app\"},\"suppliers\":[{\"owner_address\":\"o\","
            + "\"operator_address\":\"pokt1sup\",\"stake\":{},\"services\":["
            + "{\"service_id\":\"btc\",\"endpoints\":[{\"url\":\"http://x:1\",\"rpc_type\":\"JSON_RPC\"}]},"
            + "{\"service_id\":\"eth\",\"endpoints\":[{\"url\":\""
            + url
            + "\",\"rpc_type\":\"JSON_RPC\",\"configs\":[]}],\"rev_share\":[]}]}]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void rpc_header_readsHeightTimeAndChainIgnoringOtherFields() throws Exception {
    NodeReplies.RpcMessage m = NodeReplies.rpc(HEADER.formatted("12345"));
    assertThat(m)
        .isEqualTo(
            new NodeReplies.Header(
                3, "pocket", 12345, Instant.parse("2026-01-01T00:00:00.123456789Z")));
  }

  @Test
  void rpc_heightAsANumber_isRefusedWithItsPath() {
    String text = HEADER.formatted("1").replace("\"height\":\"1\"", "\"height\":1");
    assertThatThrownBy(() -> NodeReplies.rpc(text))
        .isInstanceOf(NodeReplyException.class)
        .hasMessage("result.data.value.header.height: 1 (expected: >= 1 as a JSON string)");
  }

  @Test
  void rpc_ackAndCancel() throws Exception {
    assertThat(NodeReplies.rpc("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{}}"))
        .isEqualTo(new NodeReplies.Ack(0));
    NodeReplies.RpcMessage m =
        NodeReplies.rpc(
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":-32000,\"message\":\"Server"
                + " error\",\"data\":\"subscription was canceled (reason: slow)\"}}");
    assertThat(m).isInstanceOf(NodeReplies.RpcError.class);
    assertThat(((NodeReplies.RpcError) m).canceled()).isTrue();
  }

  @Test
  void rpc_duplicateKey_isRefused() {
    assertThatThrownBy(
            () -> NodeReplies.rpc("{\"jsonrpc\":\"2.0\",\"id\":0,\"id\":1,\"result\":{}}"))
        .isInstanceOf(NodeReplyException.class)
        .hasMessageStartingWith("body: not valid JSON at 1:");
  }

  @Test
  void session_readsHeaderHeightsAndTheServicesEndpointsOnly() throws Exception {
    NodeReplies.ChainSession s = NodeReplies.session(session("20", "http://127.0.0.1:9101"));
    assertThat(s.sessionId()).isEqualTo("ab12");
    assertThat(s.startHeight()).isEqualTo(11);
    assertThat(s.endHeight()).isEqualTo(20);
    assertThat(s.suppliers())
        .containsExactly(
            new NodeReplies.Supplier(
                "pokt1sup",
                java.util.List.of(new NodeReplies.Endpoint("http://127.0.0.1:9101", "JSON_RPC"))));
  }

  @Test
  void session_endBeforeStart_isRefused() {
    assertThatThrownBy(() -> NodeReplies.session(session("5", "http://127.0.0.1:9101")))
        .isInstanceOf(NodeReplyException.class)
        .hasMessage(
            "session.header.session_end_block_height: \"5\""
                + " (expected: >= session_start_block_height 11)");
  }

  @Test
  void probeUrl_followsTheServicerUrlRule() {
    assertThat(NodeReplies.probeUrl("https://relay.example:8545"))
        .isInstanceOf(ServicerUrl.Valid.class);
    assertThat(NodeReplies.probeUrl("https://relay.example/eth"))
        .isEqualTo(new ServicerUrl.Invalid(ServicerUrl.Violation.PATH));
  }

  @Test
  void errorMessage_readsTheRestErrorShape() {
    assertThat(
            NodeReplies.errorMessage(
                "{\"code\":2,\"message\":\"block height 9 is ahead\",\"details\":[]}"
                    .getBytes(StandardCharsets.UTF_8)))
        .contains("block height 9 is ahead");
    assertThat(NodeReplies.errorMessage("<html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }
}
