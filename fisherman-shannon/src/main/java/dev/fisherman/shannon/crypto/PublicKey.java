package dev.fisherman.shannon.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.ECPoint;

/** A secp256k1 public key in its 33-byte compressed form, checked to lie on the curve. */
public final class PublicKey {

  private final byte[] compressed;
  private final ECPoint point;

  private PublicKey(byte[] compressed, ECPoint point) {
    this.compressed = compressed;
    this.point = point;
  }

  /**
   * The key from its compressed encoding. Uncompressed (65-byte) keys are refused: the ring
   * signature hashes the raw 33 bytes, so another encoding of the same point signs differently.
   */
  public static PublicKey fromCompressed(byte[] bytes) {
    if (bytes == null || bytes.length != 33) {
      throw new IllegalArgumentException(
          "public key: "
              + (bytes == null ? "null" : bytes.length + " bytes")
              + " (expected: 33-byte compressed secp256k1 key)");
    }
    if (bytes[0] != 0x02 && bytes[0] != 0x03) {
      throw new IllegalArgumentException(
          "public key: prefix 0x%02x (expected: 0x02 or 0x03)".formatted(bytes[0] & 0xff));
    }
    ECPoint p;
    try {
      p = Curve.CURVE.decodePoint(bytes).normalize();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "public key: " + HexFormat.of().formatHex(bytes) + " (expected: a point on secp256k1)",
          e);
    }
    return new PublicKey(bytes.clone(), p);
  }

  /** The key from 66 hex characters. */
  public static PublicKey fromHex(String hex) {
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "public key: " + hex + " (expected: 66 hex characters)", e);
    }
    return fromCompressed(bytes);
  }

  static PublicKey of(ECPoint point) {
    ECPoint n = point.normalize();
    return new PublicKey(Curve.compress(n), n);
  }

  /** The 33-byte compressed encoding. */
  public byte[] compressed() {
    return compressed.clone();
  }

  /** The compressed encoding in lower-case hex. */
  public String hex() {
    return HexFormat.of().formatHex(compressed);
  }

  /** The {@code pokt} account address of this key. */
  public PoktAddress address() {
    return PoktAddress.of(this);
  }

  ECPoint point() {
    return point;
  }

  byte[] compressedView() {
    return compressed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey k && Arrays.equals(compressed, k.compressed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(compressed);
  }

  @Override
  public String toString() {
    return hex();
  }
}
