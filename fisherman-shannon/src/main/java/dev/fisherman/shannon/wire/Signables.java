package dev.fisherman.shannon.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.fisherman.shannon.wire.proto.RelayRequest;
import dev.fisherman.shannon.wire.proto.RelayResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bytes each signature covers, marshalled the way poktroll's gogoproto code does: fields in
 * ascending number order, default values left out, map entries sorted by key. Received messages are
 * parsed without unknown fields, as the Go side drops them before it re-marshals.
 */
public final class Signables {

  private static final Parser<RelayRequest> REQUEST_PARSER =
      DiscardUnknownFieldsParser.wrap(RelayRequest.parser());
  private static final Parser<RelayResponse> RESPONSE_PARSER =
      DiscardUnknownFieldsParser.wrap(RelayResponse.parser());

  private Signables() {}

  /** Canonical marshalling: ascending fields, no defaults, deterministic (sorted) maps. */
  public static byte[] marshal(MessageLite message) {
    byte[] out = new byte[message.getSerializedSize()];
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    stream.useDeterministicSerialization();
    try {
      message.writeTo(stream);
      stream.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Parses a RelayRequest, dropping unknown fields. */
  public static RelayRequest parseRequest(byte[] bytes) throws InvalidProtocolBufferException {
    return REQUEST_PARSER.parseFrom(bytes);
  }

  /** Parses a RelayResponse, dropping unknown fields. */
  public static RelayResponse parseResponse(byte[] bytes) throws InvalidProtocolBufferException {
    return RESPONSE_PARSER.parseFrom(bytes);
  }

  /** The ring signature's message: SHA-256 of the request marshalled with an empty signature. */
  public static byte[] requestHash(RelayRequest request) {
    RelayRequest.Builder b = request.toBuilder();
    b.getMetaBuilder().clearSignature();
    return sha256(marshal(b.build()));
  }

  /**
   * The bytes under the supplier's signature: the response marshalled without its signature, and
   * without its payload when a payload hash stands in for it.
   */
  public static byte[] responseSignableBytes(RelayResponse response) {
    RelayResponse.Builder b = response.toBuilder();
    b.getMetaBuilder().clearSupplierOperatorSignature();
    if (!response.getPayloadHash().isEmpty()) {
      b.clearPayload();
    }
    return marshal(b.build());
  }

  /** What the supplier's key signs (and cosmos hashes once more): SHA-256 of the signable bytes. */
  public static byte[] responseHash(RelayResponse response) {
    return sha256(responseSignableBytes(response));
  }

  /** SHA-256, as the payload hash and both signable hashes use it. */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static ByteString bytes(byte[] b) {
    return ByteString.copyFrom(b);
  }
}
