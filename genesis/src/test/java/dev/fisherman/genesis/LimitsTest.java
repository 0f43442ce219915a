package dev.fisherman.genesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LimitsTest {
  private static String genesis(String limits, String servicerUrl) {
    return """
        {
          "chain_id": "tiny",
          "params": { "session": { "blocks_per_session": 10, "block_time": "6s" }%s },
          "services": [ { "id": "eth", "relay": { "method": "POST", "path": "/",
            "body": { "jsonrpc": "2.0", "method": "eth_blockNumber" } } } ],
          "servicers": [ { "address": "a", "url": "%s", "services": ["eth"] } ]
        }
        """
        .formatted(limits.isEmpty() ? "" : ", \"limits\": " + limits, servicerUrl);
  }

  @Test
  void load_withoutLimits_derivesBudgetsAndDeniesLinkLocal() throws Exception {
    Genesis g = GenesisLoader.parse(genesis("", "http://127.0.0.1:9101"), "t.json");

    assertThat(g.params().limits()).isEqualTo(LimitsParams.DEFAULTS);
    assertThat(g.params().limits().deny().stream().map(AddressRange::text))
        .containsExactly("169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128");
  }

  @Test
  void load_limitsAsWritten() throws Exception {
    Genesis g =
        GenesisLoader.parse(
            genesis(
                "{\"max_active_sessions\": 5, \"max_probe_rate\": 100, \"max_connections\": 50,"
                    + " \"min_round_spacing\": \"1s\", \"deny\": [\"10.0.0.0/8\"]}",
                "http://169.254.169.254"),
            "t.json");

    LimitsParams l = g.params().limits();
    assertThat(l.maxActiveSessions()).isEqualTo(OptionalInt.of(5));
    assertThat(l.maxProbeRate()).isEqualTo(OptionalInt.of(100));
    assertThat(l.maxConnections()).isEqualTo(OptionalInt.of(50));
    assertThat(l.minRoundSpacing()).isEqualTo(Duration.ofSeconds(1));
    assertThat(l.deny().stream().map(AddressRange::text)).containsExactly("10.0.0.0/8");
  }

  @Test
  void load_servicerAtMetadataAddress_isRefusedByDefault() {
    assertThat(GenesisLoaderTest.messages(genesis("", "http://169.254.169.254")))
        .containsExactly(
            "servicers[0].url: \"http://169.254.169.254\" at 6:43 (expected: an address"
                + " outside params.limits.deny (it lies in 169.254.0.0/16))");
    assertThat(GenesisLoaderTest.messages(genesis("", "http://[fe80::1]:80")))
        .singleElement()
        .asString()
        .contains("fe80::/10");
  }

  @Test
  void load_emptyDenyList_allowsLinkLocal() throws Exception {
    Genesis g = GenesisLoader.parse(genesis("{\"deny\": []}", "http://169.254.169.254"), "t");

    assertThat(g.servicers()).hasSize(1);
  }

  @Test
  void load_badLimits_eachToldWithItsPath() {
    assertThat(
            GenesisLoaderTest.messages(
                genesis(
                    "{\"max_active_sessions\": 0, \"min_round_spacing\": \"-1s\","
                        + " \"deny\": [\"169.254.0.0\", \"10.0.0.0/33\", 7], \"what\": 1}",
                    "http://127.0.0.1:1")))
        .anySatisfy(m -> assertThat(m).contains("params.limits.max_active_sessions: 0"))
        .anySatisfy(m -> assertThat(m).contains("params.limits.deny[0]: \"169.254.0.0\""))
        .anySatisfy(m -> assertThat(m).contains("params.limits.deny[1]: \"10.0.0.0/33\""))
        .anySatisfy(m -> assertThat(m).contains("params.limits.deny[2]: 7"))
        .anySatisfy(m -> assertThat(m).contains("params.limits.what"));
  }

  @Test
  void addressRange_containsMappedAndPrefixBits() throws Exception {
    AddressRange r = AddressRange.parse("169.254.0.0/16").orElseThrow();

    assertThat(r.contains(InetAddress.getByName("169.254.169.254"))).isTrue();
    assertThat(r.contains(InetAddress.getByName("::ffff:169.254.169.254"))).isTrue();
    assertThat(r.contains(InetAddress.getByName("169.255.0.1"))).isFalse();
    AddressRange v6 = AddressRange.parse("fe80::/10").orElseThrow();
    assertThat(v6.contains(InetAddress.getByName("febf::1"))).isTrue();
    assertThat(v6.contains(InetAddress.getByName("fec0::1"))).isFalse();
    assertThat(v6.contains(InetAddress.getByName("169.254.1.1"))).isFalse();
  }

  @Test
  void literal_neverTakesANameOrABadDottedQuadForAnAddress() {
    assertThat(AddressRange.literal("example.org")).isEmpty();
    assertThat(AddressRange.literal("999.1.1.1")).isEmpty();
    assertThat(AddressRange.literal("[::1]")).isPresent();
    assertThat(LimitsParams.DEFAULTS.denied(URI.create("http://[::ffff:169.254.169.254]:80")))
        .isPresent();
    assertThat(LimitsParams.DEFAULTS.denied(URI.create("http://metadata.internal"))).isEmpty();
  }
}
