package dev.fisherman.genesis;

import static dev.fisherman.genesis.GenesisChecksTest.genesis;
import static dev.fisherman.genesis.GenesisChecksTest.load;
import static dev.fisherman.genesis.GenesisLoaderTest.messages;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code params.reputation}. */
class GenesisReputationTest {
  private static final String EVM = "{\"id\": \"eth\", \"kind\": \"evm\"}";

  @Test
  void parse_withoutReputation_takesEveryDefault() throws Exception {
    Genesis g = load("", EVM);

    assertThat(g.params().reputation()).isEqualTo(ReputationParams.DEFAULTS);
    assertThat(ReputationParams.DEFAULTS)
        .isEqualTo(
            new ReputationParams(
                Duration.ofMinutes(30),
                Duration.ofHours(24),
                Duration.ofMillis(50),
                Duration.ofMinutes(5),
                Duration.ofMinutes(15),
                5));
  }

  @Test
  void parse_someKeys_keepsTheOthersDefault() throws Exception {
    Genesis g =
        load(
            ", \"reputation\": {\"half_life\": \"2s\", \"timeout\": \"3s\","
                + " \"integrity_timeout\": \"9s\", \"probation_probes\": 2}",
            EVM);

    assertThat(g.params().reputation())
        .isEqualTo(
            new ReputationParams(
                Duration.ofSeconds(2),
                Duration.ofHours(24),
                Duration.ofMillis(50),
                Duration.ofSeconds(3),
                Duration.ofSeconds(9),
                2));
  }

  @Test
  void parse_badReputation_reportsEveryProblem() {
    assertThat(
            messages(
                genesis(
                    ", \"reputation\": {\"half_life\": \"0s\", \"latency_band\": 5,"
                        + " \"probation_probes\": 0, \"strikes\": 3}",
                    EVM)))
        .containsExactly(
            "params.reputation.half_life: \"0s\" at 2:99 (expected: a duration > 0)",
            "params.reputation.latency_band: 5 at 2:121 (expected: a duration such as 500ms or"
                + " 2s)",
            "params.reputation.probation_probes: 0 at 2:144 (expected: an integer from 1 to 1000)",
            "params.reputation.strikes: unknown key at 2:147 (expected: one of half_life,"
                + " forget_after, latency_band, timeout, integrity_timeout, probation_probes)");
  }

  @Test
  void parse_forgetBeforeHalfLife_isBlamedOnForgetAfter() {
    assertThat(
            messages(
                genesis(
                    ", \"reputation\": {\"half_life\": \"1h\", \"forget_after\": \"10m\"}", EVM)))
        .containsExactly(
            "params.reputation.forget_after: \"10m\" at 2:121 (expected: at least half_life, 1h)");
  }

  @Test
  void parse_reputationNotAnObject_saysWhatItWants() {
    assertThat(messages(genesis(", \"reputation\": []", EVM)))
        .containsExactly(
            "params.reputation: [] at 2:85 (expected: an object with half_life, forget_after,"
                + " latency_band, timeout, integrity_timeout and probation_probes)");
  }
}
