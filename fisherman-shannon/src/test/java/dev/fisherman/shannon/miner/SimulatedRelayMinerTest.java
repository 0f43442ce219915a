package dev.fisherman.shannon.miner;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.fisherman.shannon.crypto.GatewayKey;
import dev.fisherman.shannon.crypto.PrivateKey;
import dev.fisherman.shannon.crypto.SupplierSignatures;
import dev.fisherman.shannon.wire.HttpAnswer;
import dev.fisherman.shannon.wire.HttpProbe;
import dev.fisherman.shannon.wire.RelayEnvelope;
import dev.fisherman.shannon.wire.RelayOutcome;
import dev.fisherman.shannon.wire.RelayOutcome.Answered;
import dev.fisherman.shannon.wire.RelayOutcome.BadSignature;
import dev.fisherman.shannon.wire.RelayOutcome.Reason;
import dev.fisherman.shannon.wire.RelayOutcome.RelayError;
import dev.fisherman.shannon.wire.RelaySession;
import dev.fisherman.shannon.wire.RelayTarget;
import dev.fisherman.shannon.wire.Signables;
import dev.fisherman.shannon.wire.proto.RelayRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatedRelayMinerTest {

  private static final PrivateKey APPLICATION = key(1);
  private static final PrivateKey GATEWAY = key(2);
  private static final PrivateKey SUPPLIER = key(3);
  private static final PrivateKey STRANGER = key(4);
  private static final RelaySession SESSION =
      new RelaySession(APPLICATION.address(), "eth", "session-1", 101, 110);
  private static final RelayTarget TARGET =
      new RelayTarget(SESSION, APPLICATION.publicKey(), SUPPLIER.address(), SUPPLIER.publicKey());
  private static final HttpProbe PROBE =
      new HttpProbe(
          "POST",
          Map.of("Content-Type", List.of("application/json")),
          "/v1?x=1",
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\"}"
              .getBytes(StandardCharsets.UTF_8));

  private final List<HttpProbe> forwarded = new ArrayList<>();
  private final SimulatedRelayMiner miner =
      SimulatedRelayMiner.create(
          SUPPLIER,
          SimulatedChain.of(
              List.of(APPLICATION.publicKey(), GATEWAY.publicKey(), STRANGER.publicKey()),
              Map.of(APPLICATION.address(), Set.of(GATEWAY.address()))),
          probe -> {
            forwarded.add(probe);
            return new HttpAnswer(
                200,
                Map.of("Content-Type", List.of("application/json"), "X-Node", List.of("a", "b")),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x10\"}"
                    .getBytes(StandardCharsets.UTF_8));
          });
  private final RelayEnvelope envelope =
      RelayEnvelope.signingAs(GatewayKey.of(GATEWAY), new SplittableRandom(7));

  @Test
  void honest_answerIsSignedVerifiedAndCarriesTheBackendResponse() {
    RelayOutcome outcome =
        envelope.unwrap(TARGET, miner.handle(envelope.wrap(TARGET, PROBE).body()));

    assertThat(outcome).isInstanceOf(Answered.class);
    Answered answered = (Answered) outcome;
    assertThat(answered.answer().status()).isEqualTo(200);
    assertThat(answered.answer().headers())
        .containsEntry("X-Node", List.of("a", "b"))
        .containsEntry("Content-Type", List.of("application/json"));
    assertThat(new String(answered.answer().body(), StandardCharsets.UTF_8)).contains("0x10");
    assertThat(forwarded).containsExactly(PROBE);
    // The evidence re-verifies on its own.
    assertThat(
            SupplierSignatures.verify(
                answered.evidence().supplierKey(),
                Signables.sha256(answered.evidence().signableBytes()),
                answered.evidence().signature()))
        .isTrue();
    assertThat(outcome.kind()).isEqualTo("ok");
  }

  @ParameterizedTest
  @CsvSource({
    "MISSING_SESSION_HEADER, service, 1111",
    "BAD_REQUEST_SIGNATURE, rings, 3",
    "INVALID_SESSION, relay_authenticator, 1",
    "SUPPLIER_NOT_IN_SESSION, relay_authenticator, 2",
    "RATE_LIMITED, relayer_proxy, 7"
  })
  void errorBehaviour_isARelayErrorWithItsCodespaceAndCode(
      MinerBehaviour behaviour, String codespace, long code) {
    miner.behave(behaviour);

    RelayOutcome outcome =
        envelope.unwrap(TARGET, miner.handle(envelope.wrap(TARGET, PROBE).body()));

    assertThat(outcome).isInstanceOf(RelayError.class);
    RelayError error = (RelayError) outcome;
    assertThat(error.codespace()).isEqualTo(codespace);
    assertThat(error.code()).isEqualTo(code);
    assertThat(error.description()).isEqualTo(behaviour.error().orElseThrow().description());
    assertThat(error.message()).endsWith(": " + error.description());
    assertThat(outcome.kind()).isEqualTo("relay_error");
    assertThat(forwarded).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "UNSIGNED, MISSING_SIGNATURE",
    "WRONG_SIGNATURE, INVALID_SIGNATURE",
    "TAMPERED_PAYLOAD, PAYLOAD_HASH_MISMATCH"
  })
  void forgeryBehaviour_isABadSignature(MinerBehaviour behaviour, Reason reason) {
    miner.behave(behaviour);

    RelayOutcome outcome =
        envelope.unwrap(TARGET, miner.handle(envelope.wrap(TARGET, PROBE).body()));

    assertThat(outcome).isEqualTo(new BadSignature(reason, ((BadSignature) outcome).detail()));
    assertThat(outcome.kind()).isEqualTo("bad_signature");
    assertThat(forwarded).hasSize(1);
  }

  @Test
  void honest_applicationNotDelegatedToTheSigner_isRefusedAsBadRequestSignature() {
    RelayEnvelope stranger =
        RelayEnvelope.signingAs(GatewayKey.of(STRANGER), new SplittableRandom(8));

    RelayOutcome outcome =
        stranger.unwrap(TARGET, miner.handle(stranger.wrap(TARGET, PROBE).body()));

    assertThat(outcome).isInstanceOf(RelayError.class);
    assertThat(((RelayError) outcome).codespace()).isEqualTo("rings");
    assertThat(((RelayError) outcome).message())
        .startsWith("ring signature in the relay request does not match");
    assertThat(forwarded).isEmpty();
  }

  @Test
  void honest_requestChangedAfterSigning_isRefusedAsBadRequestSignature() throws Exception {
    RelayRequest signed = Signables.parseRequest(envelope.wrap(TARGET, PROBE).body());
    byte[] altered =
        Signables.marshal(signed.toBuilder().setPayload(ByteString.copyFromUtf8("other")).build());

    RelayOutcome outcome = envelope.unwrap(TARGET, miner.handle(altered));

    assertThat(outcome)
        .isEqualTo(
            new RelayError(
                "rings",
                3,
                "invalid relay request signature",
                "invalid relay request signature or bytes: invalid relay request signature"));
  }

  @Test
  void honest_requestWithoutSessionHeader_isMissingSessionHeader() throws Exception {
    RelayRequest signed = Signables.parseRequest(envelope.wrap(TARGET, PROBE).body());
    RelayRequest.Builder stripped = signed.toBuilder();
    stripped.getMetaBuilder().clearSessionHeader();

    RelayOutcome outcome =
        envelope.unwrap(TARGET, miner.handle(Signables.marshal(stripped.build())));

    assertThat(outcome)
        .isEqualTo(
            new RelayError(
                "service",
                1111,
                "invalid relay request",
                "missing session header: invalid relay request"));
  }

  @Test
  void honest_relayForAnotherSupplier_isSupplierNotInSession() {
    RelayTarget elsewhere =
        new RelayTarget(SESSION, APPLICATION.publicKey(), STRANGER.address(), STRANGER.publicKey());

    RelayOutcome outcome =
        envelope.unwrap(elsewhere, miner.handle(envelope.wrap(elsewhere, PROBE).body()));

    assertThat(outcome).isInstanceOf(RelayError.class);
    assertThat(((RelayError) outcome).codespace()).isEqualTo("relay_authenticator");
    assertThat(((RelayError) outcome).code()).isEqualTo(2);
  }

  @Test
  void honest_answerSignedForAnotherSession_isSessionMismatch() {
    RelaySession other = new RelaySession(APPLICATION.address(), "eth", "session-2", 111, 120);
    RelayTarget otherTarget =
        new RelayTarget(other, APPLICATION.publicKey(), SUPPLIER.address(), SUPPLIER.publicKey());

    RelayOutcome outcome =
        envelope.unwrap(otherTarget, miner.handle(envelope.wrap(TARGET, PROBE).body()));

    assertThat(outcome).isInstanceOf(BadSignature.class);
    assertThat(((BadSignature) outcome).reason()).isEqualTo(Reason.SESSION_MISMATCH);
  }

  @Test
  void honest_backendFailure_isSupplierNotReachable() {
    SimulatedRelayMiner failing =
        SimulatedRelayMiner.create(
            SUPPLIER,
            SimulatedChain.of(
                List.of(APPLICATION.publicKey(), GATEWAY.publicKey()),
                Map.of(APPLICATION.address(), Set.of(GATEWAY.address()))),
            probe -> {
              throw new IllegalStateException("connection refused");
            });

    RelayOutcome outcome =
        envelope.unwrap(TARGET, failing.handle(envelope.wrap(TARGET, PROBE).body()));

    assertThat(outcome)
        .isEqualTo(
            new RelayError(
                "relayer_proxy",
                9,
                "supplier(s) not reachable",
                "connection refused: supplier(s) not reachable"));
  }

  @Test
  void pathAndQuery_keepsOnlyPathAndQueryOfTheUrl() {
    assertThat(DefaultSimulatedRelayMiner.pathAndQuery("https://node.example:8545/v1/x?y=1#f"))
        .isEqualTo("/v1/x?y=1");
    assertThat(DefaultSimulatedRelayMiner.pathAndQuery("http://node.example")).isEqualTo("/");
    assertThat(DefaultSimulatedRelayMiner.pathAndQuery("/rpc")).isEqualTo("/rpc");
  }

  @Test
  void behave_switchesAtRunTime() {
    miner.behave(MinerBehaviour.RATE_LIMITED);
    assertThat(envelope.unwrap(TARGET, miner.handle(envelope.wrap(TARGET, PROBE).body())).kind())
        .isEqualTo("relay_error");

    miner.behave(MinerBehaviour.HONEST);
    assertThat(envelope.unwrap(TARGET, miner.handle(envelope.wrap(TARGET, PROBE).body())).kind())
        .isEqualTo("ok");
    assertThat(miner.behaviour()).isEqualTo(MinerBehaviour.HONEST);
    assertThat(miner.supplier()).isEqualTo(SUPPLIER.address());
  }

  private static PrivateKey key(int i) {
    return PrivateKey.fromHex("%064x".formatted(0x1000 + i * 7919L));
  }
}
