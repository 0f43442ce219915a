package dev.fisherman.shannon.wire;

import java.util.Arrays;

/**
 * A signed RelayRequest ready to POST: the marshalled body, the 32-byte hash the ring signature
 * covers, and the encoded signature.
 */
public record SignedRequest(byte[] body, byte[] signedHash, byte[] signature) {

  public SignedRequest {
    if (body == null || signedHash == null || signature == null) {
      throw new IllegalArgumentException("signed request: every part is required");
    }
    body = body.clone();
    signedHash = signedHash.clone();
    signature = signature.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public byte[] signedHash() {
    return signedHash.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedRequest r && Arrays.equals(body, r.body);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "SignedRequest[" + body.length + " bytes]";
  }
}
