package dev.fisherman.shannon.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.fisherman.shannon.crypto.GatewayKey;
import dev.fisherman.shannon.crypto.RingSignature;
import dev.fisherman.shannon.crypto.RingSigner;
import dev.fisherman.shannon.crypto.SupplierSignatures;
import dev.fisherman.shannon.wire.RelayOutcome.BadSignature;
import dev.fisherman.shannon.wire.RelayOutcome.Malformed;
import dev.fisherman.shannon.wire.RelayOutcome.Reason;
import dev.fisherman.shannon.wire.proto.POKTHTTPRequest;
import dev.fisherman.shannon.wire.proto.POKTHTTPResponse;
import dev.fisherman.shannon.wire.proto.RelayMinerError;
import dev.fisherman.shannon.wire.proto.RelayRequest;
import dev.fisherman.shannon.wire.proto.RelayRequestMetadata;
import dev.fisherman.shannon.wire.proto.RelayResponse;
import java.security.MessageDigest;
import java.util.List;
import java.util.random.RandomGenerator;

/** The {@code shannon} envelope: bLSAG-signed requests, supplier-verified responses. */
final class ShannonRelayEnvelope implements RelayEnvelope {

  private final GatewayKey key;
  private final RandomGenerator random;

  ShannonRelayEnvelope(GatewayKey key, RandomGenerator random) {
    if (key == null || random == null) {
      throw new IllegalArgumentException("relay envelope: key and random source are required");
    }
    this.key = key;
    this.random = random;
  }

  @Override
  public SignedRequest wrap(RelayTarget target, HttpProbe probe) {
    if (target.applicationKey().equals(key.publicKey())) {
      throw new IllegalArgumentException(
          "relay target: application "
              + target.session().application()
              + " is the gateway itself (expected: an application that delegated to it)");
    }
    POKTHTTPRequest inner =
        POKTHTTPRequest.newBuilder()
            .setMethod(probe.method())
            .putAllHeader(Headers.toWire(probe.headers()))
            .setUrl(probe.pathAndQuery())
            .setBodyBz(Signables.bytes(probe.body()))
            .build();
    RelayRequest unsigned =
        RelayRequest.newBuilder()
            .setMeta(
                RelayRequestMetadata.newBuilder()
                    .setSessionHeader(target.session().toWire())
                    .setSupplierOperatorAddress(target.supplierOperator().value()))
            .setPayload(Signables.bytes(Signables.marshal(inner)))
            .build();
    byte[] hash = Signables.requestHash(unsigned);
    RingSignature signature =
        RingSigner.sign(
            hash, List.of(target.applicationKey(), key.publicKey()), key.privateKey(), random);
    byte[] encoded = signature.encode();
    RelayRequest.Builder signed = unsigned.toBuilder();
    signed.getMetaBuilder().setSignature(Signables.bytes(encoded));
    return new SignedRequest(Signables.marshal(signed.build()), hash, encoded);
  }

  @Override
  public RelayOutcome unwrap(RelayTarget target, byte[] body) {
    if (body == null || body.length == 0) {
      return new Malformed("empty body (expected: a RelayResponse)");
    }
    RelayResponse response;
    try {
      response = Signables.parseResponse(body);
    } catch (InvalidProtocolBufferException e) {
      return new Malformed("not a RelayResponse: " + e.getMessage());
    }
    if (response.hasRelayMinerError()) {
      RelayMinerError e = response.getRelayMinerError();
      return new RelayOutcome.RelayError(
          e.getCodespace(),
          Integer.toUnsignedLong(e.getCode()),
          e.getDescription(),
          e.getMessage());
    }
    byte[] signature = response.getMeta().getSupplierOperatorSignature().toByteArray();
    if (signature.length == 0) {
      return new BadSignature(Reason.MISSING_SIGNATURE, "no supplier_operator_signature");
    }
    byte[] signable = Signables.responseSignableBytes(response);
    if (!SupplierSignatures.verify(target.supplierKey(), Signables.sha256(signable), signature)) {
      return new BadSignature(
          Reason.INVALID_SIGNATURE,
          "not a low-S signature by " + target.supplierOperator() + " over the response");
    }
    if (!response.getMeta().getSessionHeader().equals(target.session().toWire())) {
      return new BadSignature(
          Reason.SESSION_MISMATCH,
          "signed session "
              + response.getMeta().getSessionHeader().getSessionId()
              + " (expected: "
              + target.session().sessionId()
              + ")");
    }
    byte[] payload = response.getPayload().toByteArray();
    byte[] payloadHash = response.getPayloadHash().toByteArray();
    if (payloadHash.length > 0 && !MessageDigest.isEqual(payloadHash, Signables.sha256(payload))) {
      return new BadSignature(
          Reason.PAYLOAD_HASH_MISMATCH, "payload does not hash to the signed payload_hash");
    }
    POKTHTTPResponse inner;
    try {
      inner = POKTHTTPResponse.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      return new Malformed("payload is not a POKTHTTPResponse: " + e.getMessage());
    }
    long status = Integer.toUnsignedLong(inner.getStatusCode());
    if (status < 100 || status > 999) {
      return new Malformed("payload status_code " + status + " (expected: 100..999)");
    }
    HttpAnswer answer =
        new HttpAnswer(
            (int) status, Headers.fromWire(inner.getHeaderMap()), inner.getBodyBz().toByteArray());
    return new RelayOutcome.Answered(
        answer, new RelayOutcome.Evidence(body, signable, signature, target.supplierKey()));
  }
}
