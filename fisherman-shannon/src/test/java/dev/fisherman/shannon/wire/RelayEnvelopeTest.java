package dev.fisherman.shannon.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.fisherman.shannon.crypto.GatewayKey;
import dev.fisherman.shannon.crypto.PrivateKey;
import dev.fisherman.shannon.crypto.RingSignature;
import dev.fisherman.shannon.crypto.SupplierSignatures;
import dev.fisherman.shannon.wire.RelayOutcome.BadSignature;
import dev.fisherman.shannon.wire.RelayOutcome.Malformed;
import dev.fisherman.shannon.wire.RelayOutcome.Reason;
import dev.fisherman.shannon.wire.proto.POKTHTTPRequest;
import dev.fisherman.shannon.wire.proto.POKTHTTPResponse;
import dev.fisherman.shannon.wire.proto.RelayRequest;
import dev.fisherman.shannon.wire.proto.RelayResponse;
import dev.fisherman.shannon.wire.proto.RelayResponseMetadata;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RelayEnvelopeTest {

  private static final PrivateKey APPLICATION = key(11);
  private static final PrivateKey GATEWAY = key(12);
  private static final PrivateKey SUPPLIER = key(13);
  private static final RelaySession SESSION =
      new RelaySession(APPLICATION.address(), "anvil", "abc", 1, 10);
  private static final RelayTarget TARGET =
      new RelayTarget(SESSION, APPLICATION.publicKey(), SUPPLIER.address(), SUPPLIER.publicKey());
  private static final HttpProbe PROBE =
      new HttpProbe(
          "POST",
          Map.of("Zeta", List.of("1"), "Accept", List.of("a", "b")),
          "/path?q=1",
          "body".getBytes(StandardCharsets.UTF_8));

  private final RelayEnvelope envelope =
      RelayEnvelope.signingAs(GatewayKey.of(GATEWAY), new SplittableRandom(1));

  @Test
  void wrap_carriesTheProbeSessionAndSupplier() throws Exception {
    RelayRequest request = Signables.parseRequest(envelope.wrap(TARGET, PROBE).body());

    assertThat(request.getMeta().getSessionHeader()).isEqualTo(SESSION.toWire());
    assertThat(request.getMeta().getSupplierOperatorAddress())
        .isEqualTo(SUPPLIER.address().value());
    POKTHTTPRequest inner = POKTHTTPRequest.parseFrom(request.getPayload());
    assertThat(inner.getMethod()).isEqualTo("POST");
    assertThat(inner.getUrl()).isEqualTo("/path?q=1");
    assertThat(inner.getBodyBz().toStringUtf8()).isEqualTo("body");
    assertThat(inner.getHeaderMap().get("Accept").getValuesList()).containsExactly("a", "b");
    assertThat(inner.getHeaderMap().get("Accept").getKey()).isEqualTo("Accept");
  }

  @Test
  void wrap_isCanonical_soTheGoSideReMarshalsTheSameBytes() throws Exception {
    SignedRequest signed = envelope.wrap(TARGET, PROBE);
    RelayRequest request = Signables.parseRequest(signed.body());

    assertThat(Signables.marshal(request)).isEqualTo(signed.body());
    assertThat(Signables.requestHash(request)).isEqualTo(signed.signedHash());
    // Map entries sorted by key: "Accept" (0x41) precedes "Zeta" (0x5a) in the payload bytes.
    String payload = HexFormat.of().formatHex(request.getPayload().toByteArray());
    assertThat(
            payload.indexOf(HexFormat.of().formatHex("Accept".getBytes(StandardCharsets.US_ASCII))))
        .isLessThan(
            payload.indexOf(HexFormat.of().formatHex("Zeta".getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void wrap_signsWithTheTwoKeyRing_in199Bytes() throws Exception {
    SignedRequest signed = envelope.wrap(TARGET, PROBE);
    RingSignature signature = RingSignature.parse(signed.signature());

    assertThat(signed.signature()).hasSize(199);
    assertThat(signature.ring()).containsExactly(APPLICATION.publicKey(), GATEWAY.publicKey());
    assertThat(signature.verify(signed.signedHash())).isTrue();
    assertThat(Signables.parseRequest(signed.body()).getMeta().getSignature().toByteArray())
        .isEqualTo(signed.signature());
  }

  @Test
  void wrap_applicationThatIsTheGatewayItself_isRefused() {
    RelayTarget self =
        new RelayTarget(
            new RelaySession(GATEWAY.address(), "anvil", "abc", 1, 10),
            GATEWAY.publicKey(),
            SUPPLIER.address(),
            SUPPLIER.publicKey());

    assertThatThrownBy(() -> envelope.wrap(self, PROBE))
        .hasMessage(
            "relay target: application "
                + GATEWAY.address()
                + " is the gateway itself (expected: an application that delegated to it)");
  }

  @Test
  void httpHeaders_areWhatPoktrollClientsSend() {
    assertThat(RelayEnvelope.HTTP_HEADERS)
        .containsOnly(Map.entry("Content-Type", "application/json"), Map.entry("Rpc-Type", "3"));
  }

  @Test
  void unwrap_garbage_isMalformed() {
    assertThat(envelope.unwrap(TARGET, new byte[] {(byte) 0xff, 0x01}))
        .isInstanceOf(Malformed.class);
    assertThat(envelope.unwrap(TARGET, new byte[0]))
        .isEqualTo(new Malformed("empty body (expected: a RelayResponse)"));
  }

  @Test
  void unwrap_signedPayloadThatIsNoHttpResponse_isMalformed() {
    byte[] body = signedResponse(ByteString.copyFromUtf8("\u0008"));

    assertThat(envelope.unwrap(TARGET, body)).isInstanceOf(Malformed.class);
  }

  @Test
  void unwrap_responseWithoutPayloadHash_isCoveredByTheSignatureDirectly() {
    byte[] payload =
        Signables.marshal(
            POKTHTTPResponse.newBuilder()
                .setStatusCode(204)
                .setBodyBz(ByteString.copyFromUtf8("x"))
                .build());
    RelayResponse unsigned =
        RelayResponse.newBuilder()
            .setMeta(RelayResponseMetadata.newBuilder().setSessionHeader(SESSION.toWire()))
            .setPayload(ByteString.copyFrom(payload))
            .build();
    byte[] body = sign(unsigned);

    RelayOutcome outcome = envelope.unwrap(TARGET, body);
    assertThat(outcome.kind()).isEqualTo("ok");
    assertThat(((RelayOutcome.Answered) outcome).answer().status()).isEqualTo(204);

    // Without a payload hash the payload is signed bytes: changing it breaks the signature.
    RelayResponse tampered;
    try {
      tampered = Signables.parseResponse(body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    byte[] changed =
        Signables.marshal(tampered.toBuilder().setPayload(ByteString.copyFromUtf8("y")).build());
    assertThat(envelope.unwrap(TARGET, changed))
        .extracting(o -> ((BadSignature) o).reason())
        .isEqualTo(Reason.INVALID_SIGNATURE);
  }

  @Test
  void unwrap_unknownFields_areDroppedBeforeTheSignatureCheck_asGoDoes() {
    byte[] body = signedResponse(httpPayload());
    byte[] withUnknown = new byte[body.length + 3];
    System.arraycopy(body, 0, withUnknown, 0, body.length);
    // Field 9, varint 1: unknown to both sides.
    withUnknown[body.length] = 0x48;
    withUnknown[body.length + 1] = 0x01;
    withUnknown[body.length + 2] = 0x00;
    byte[] trimmed = java.util.Arrays.copyOf(withUnknown, body.length + 2);

    assertThat(envelope.unwrap(TARGET, trimmed).kind()).isEqualTo("ok");
  }

  private static ByteString httpPayload() {
    return ByteString.copyFrom(
        Signables.marshal(
            POKTHTTPResponse.newBuilder()
                .setStatusCode(200)
                .setBodyBz(ByteString.copyFromUtf8("{}"))
                .build()));
  }

  private static byte[] signedResponse(ByteString payload) {
    RelayResponse unsigned =
        RelayResponse.newBuilder()
            .setMeta(RelayResponseMetadata.newBuilder().setSessionHeader(SESSION.toWire()))
            .setPayload(payload)
            .setPayloadHash(ByteString.copyFrom(Signables.sha256(payload.toByteArray())))
            .build();
    return sign(unsigned);
  }

  private static byte[] sign(RelayResponse unsigned) {
    RelayResponse.Builder b = unsigned.toBuilder();
    b.getMetaBuilder()
        .setSupplierOperatorSignature(
            ByteString.copyFrom(
                SupplierSignatures.sign(SUPPLIER, Signables.responseHash(unsigned))));
    return Signables.marshal(b.build());
  }

  private static PrivateKey key(int i) {
    return PrivateKey.fromHex("%064x".formatted(0xabcdef00L + i));
  }
}
