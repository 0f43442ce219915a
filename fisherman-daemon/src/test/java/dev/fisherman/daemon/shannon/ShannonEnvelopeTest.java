package dev.fisherman.daemon.shannon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.envelope.Probe;
import dev.fisherman.core.envelope.Unwrapped;
import dev.fisherman.core.envelope.Wrapped;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.daemon.sim.miner.LocalnetKeys;
import dev.fisherman.genesis.RpcType;
import dev.fisherman.shannon.crypto.GatewayKey;
import dev.fisherman.shannon.crypto.PrivateKey;
import dev.fisherman.shannon.crypto.SupplierSignatures;
import dev.fisherman.shannon.miner.MinerBehaviour;
import dev.fisherman.shannon.miner.SimulatedChain;
import dev.fisherman.shannon.miner.SimulatedRelayMiner;
import dev.fisherman.shannon.wire.HttpAnswer;
import dev.fisherman.shannon.wire.RelaySession;
import dev.fisherman.shannon.wire.RelayTarget;
import dev.fisherman.shannon.wire.Signables;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The daemon's Shannon envelope against the simulated RelayMiner core, without a network. */
class ShannonEnvelopeTest {
  private static final PrivateKey APP = LocalnetKeys.key("unit application");
  private static final PrivateKey GATEWAY = LocalnetKeys.key("unit gateway");
  private static final PrivateKey SUPPLIER = LocalnetKeys.key("unit supplier");
  private static final RelaySession SESSION = new RelaySession(APP.address(), "eth", "s-1", 10, 19);
  private static final String BODY =
      "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_blockNumber\",\"params\":[]}";

  private final AtomicReference<String> backendSaw = new AtomicReference<>();
  private final SimulatedRelayMiner miner =
      SimulatedRelayMiner.create(
          SUPPLIER,
          SimulatedChain.of(
              List.of(APP.publicKey(), GATEWAY.publicKey(), SUPPLIER.publicKey()),
              Map.of(APP.address(), Set.of(GATEWAY.address()))),
          probe -> {
            backendSaw.set(
                probe.method()
                    + " "
                    + probe.pathAndQuery()
                    + " "
                    + new String(probe.body(), StandardCharsets.UTF_8));
            return new HttpAnswer(
                200,
                Map.of("Content-Type", List.of("application/json")),
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"0x10\"}"
                    .getBytes(StandardCharsets.UTF_8));
          });

  private ShannonEnvelope envelope(RpcType type) {
    return ShannonEnvelope.of(
        GatewayKey.of(GATEWAY),
        new SplittableRandom(3),
        SESSION,
        List.of(
            new RelayTarget(SESSION, APP.publicKey(), SUPPLIER.address(), SUPPLIER.publicKey())),
        type);
  }

  private static Probe probe() {
    return new Probe("POST", "/", List.of(), BODY.getBytes(StandardCharsets.UTF_8));
  }

  private Unwrapped roundTrip(MinerBehaviour behaviour) {
    ShannonEnvelope e = envelope(RpcType.JSON_RPC);
    Wrapped w = e.wrap(SUPPLIER.address().value(), probe()).orElseThrow();
    miner.behave(behaviour);
    byte[] answer = miner.handle(w.body());
    // Offset and length are honoured: the answer sits inside a larger buffer.
    byte[] buffer = new byte[answer.length + 5];
    System.arraycopy(answer, 0, buffer, 3, answer.length);
    return e.unwrap(SUPPLIER.address().value(), buffer, 3, answer.length);
  }

  @Test
  void wrap_carriesRpcTypeOfTheService_andOnlyForItsSuppliers() {
    ShannonEnvelope e = envelope(RpcType.REST);
    Wrapped w = e.wrap(SUPPLIER.address().value(), probe()).orElseThrow();

    assertThat(w.headers())
        .containsExactly(Map.entry("Content-Type", "application/json"), Map.entry("Rpc-Type", "4"));
    assertThat(e.wrap("http://127.0.0.1:9999", probe())).isEmpty();
    assertThat(e.name()).isEqualTo("shannon");
  }

  @Test
  void honestMiner_answerIsTheServicesResponse_withVerifiableAttestation() {
    Unwrapped u = roundTrip(MinerBehaviour.HONEST);

    assertThat(backendSaw.get()).isEqualTo("POST / " + BODY);
    Unwrapped.Answer a = (Unwrapped.Answer) u;
    assertThat(a.status()).isEqualTo(200);
    assertThat(new String(a.body(), StandardCharsets.UTF_8)).contains("\"result\":\"0x10\"");
    assertThat(a.attestation().signer()).isEqualTo(SUPPLIER.address().value());
    assertThat(a.attestation().publicKey()).isEqualTo(SUPPLIER.publicKey().compressed());
    assertThat(
            SupplierSignatures.verify(
                SUPPLIER.publicKey(),
                Signables.sha256(a.attestation().signedBytes()),
                a.attestation().signature()))
        .isTrue();
  }

  @Test
  void relayMinerErrors_areRelayErrorsWithCodespaceAndCode() {
    for (MinerBehaviour b : MinerBehaviour.values()) {
      if (b.error().isEmpty()) {
        continue;
      }
      MinerBehaviour.ErrorCode code = b.error().get();
      Unwrapped.Failed f = (Unwrapped.Failed) roundTrip(b);
      assertThat(f.outcome()).as(b.name()).isEqualTo(Outcome.RELAY_ERROR);
      assertThat(f.code()).hasValue(code.code());
      // The description, then the RelayMiner's message (poktroll wraps it as "detail: ...").
      assertThat(f.detail())
          .startsWith(code.codespace() + "/" + code.code() + ": " + code.description() + " (")
          .contains(code.detail());
    }
  }

  @Test
  void forgeries_areBadSignaturesNamingTheReason() {
    Map<MinerBehaviour, String> reasons =
        Map.of(
            MinerBehaviour.UNSIGNED, "missing_signature",
            MinerBehaviour.WRONG_SIGNATURE, "invalid_signature",
            MinerBehaviour.TAMPERED_PAYLOAD, "payload_hash_mismatch");
    reasons.forEach(
        (b, reason) -> {
          Unwrapped.Failed f = (Unwrapped.Failed) roundTrip(b);
          assertThat(f.outcome()).as(b.name()).isEqualTo(Outcome.BAD_SIGNATURE);
          assertThat(f.detail()).startsWith(reason);
          assertThat(f.code()).isEmpty();
        });
  }

  @Test
  void notARelayResponse_isInvalidResponse() {
    byte[] json =
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"0x10\"}".getBytes(StandardCharsets.UTF_8);

    Unwrapped u =
        envelope(RpcType.JSON_RPC).unwrap(SUPPLIER.address().value(), json, 0, json.length);

    assertThat(((Unwrapped.Failed) u).outcome()).isEqualTo(Outcome.INVALID_RESPONSE);
  }
}
