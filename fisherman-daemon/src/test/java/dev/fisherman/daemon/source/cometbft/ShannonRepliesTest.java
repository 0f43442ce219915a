package dev.fisherman.daemon.source.cometbft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The node's application and account answers, as the gateway check reads them. */
class ShannonRepliesTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void delegations_readDelegateesAndPendingUndelegations() throws Exception {
    NodeReplies.Delegations d =
        NodeReplies.delegations(
            bytes(
                "{\"application\":{\"address\":\"pokt1app\",\"stake\":{\"denom\":\"upokt\"},"
                    + "\"service_configs\":[],\"delegatee_gateway_addresses\":[\"pokt1gw\"],"
                    + "\"pending_undelegations\":{\"120\":{\"gateway_addresses\":[\"pokt1old\"]}},"
                    + "\"unstake_session_end_height\":\"0\",\"pending_transfer\":null}}"));
    assertThat(d.application()).isEqualTo("pokt1app");
    assertThat(d.delegatees()).isEqualTo(Set.of("pokt1gw"));
    assertThat(d.undelegating()).isEqualTo(Set.of("pokt1old"));
    assertThat(d.allows("pokt1gw")).isTrue();
    // Undelegated this session: still allowed until the session ends.
    assertThat(d.allows("pokt1old")).isTrue();
    assertThat(d.allows("pokt1other")).isFalse();
  }

  @Test
  void delegations_fieldsLeftOut_meanNone() throws Exception {
    NodeReplies.Delegations d =
        NodeReplies.delegations(bytes("{\"application\":{\"address\":\"pokt1app\"}}"));
    assertThat(d.delegatees()).isEmpty();
    assertThat(d.undelegating()).isEmpty();
    assertThat(d.allows("pokt1gw")).isFalse();
  }

  @Test
  void delegations_wrongType_isRefusedWithItsPath() {
    assertThatThrownBy(
            () ->
                NodeReplies.delegations(
                    bytes(
                        "{\"application\":{\"address\":\"pokt1app\","
                            + "\"delegatee_gateway_addresses\":\"pokt1gw\"}}")))
        .isInstanceOf(NodeReplyException.class)
        .hasMessageStartingWith("application.delegatee_gateway_addresses: \"pokt1gw\"")
        .hasMessageContaining("(expected: an array)");
  }

  @Test
  void publicKey_readsBase64CompressedKey_andNullForAnAccountThatNeverSigned() throws Exception {
    byte[] key =
        HexFormat.of()
            .parseHex("0397896e8a5ea6bb5d8b3c81a4b7bcc9f8d0ba6e0f1c0a3bd44c6bb2c8c0e1f2a3");
    assertThat(
            NodeReplies.publicKey(
                    bytes(
                        "{\"account\":{\"@type\":\"/cosmos.auth.v1beta1.BaseAccount\","
                            + "\"address\":\"pokt1x\",\"pub_key\":{\"@type\":"
                            + "\"/cosmos.crypto.secp256k1.PubKey\",\"key\":\""
                            + Base64.getEncoder().encodeToString(key)
                            + "\"},\"account_number\":\"7\",\"sequence\":\"3\"}}"))
                .orElseThrow())
        .isEqualTo(key);
    assertThat(
            NodeReplies.publicKey(
                bytes(
                    "{\"account\":{\"address\":\"pokt1x\",\"pub_key\":null,\"sequence\":\"0\"}}")))
        .isEmpty();
  }

  @Test
  void publicKey_notThirtyThreeBytes_isRefused() {
    assertThatThrownBy(
            () -> NodeReplies.publicKey(bytes("{\"account\":{\"pub_key\":{\"key\":\"AAEC\"}}}")))
        .isInstanceOf(NodeReplyException.class)
        .hasMessageContaining("account.pub_key.key")
        .hasMessageContaining("(expected: a base64 compressed secp256k1 key)");
  }
}
