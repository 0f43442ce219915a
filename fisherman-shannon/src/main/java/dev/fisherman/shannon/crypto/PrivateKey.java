package dev.fisherman.shannon.crypto;

import java.math.BigInteger;
import java.util.HexFormat;

/**
 * A secp256k1 private key: a raw 32-byte scalar, as the network's keys are. It never shows its
 * scalar: {@link #toString()} names only the address.
 */
public final class PrivateKey {

  private final BigInteger scalar;
  private final PublicKey publicKey;

  private PrivateKey(BigInteger scalar) {
    this.scalar = scalar;
    this.publicKey = PublicKey.of(Curve.G.multiply(scalar));
  }

  /**
   * The key from 64 hex characters. The message of a refusal never repeats the input, which is a
   * secret.
   */
  public static PrivateKey fromHex(String hex) {
    if (hex == null || hex.length() != 64) {
      throw new IllegalArgumentException(
          "private key: "
              + (hex == null ? "null" : hex.length() + " characters")
              + " (expected: 64 hex characters)");
    }
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      // The cause would quote the offending characters of a secret.
      throw new IllegalArgumentException("private key: not hex (expected: 64 hex characters)");
    }
    return fromScalar(new BigInteger(1, bytes));
  }

  static PrivateKey fromScalar(BigInteger scalar) {
    if (scalar.signum() <= 0 || scalar.compareTo(Curve.N) >= 0) {
      throw new IllegalArgumentException(
          "private key: out of range (expected: 1 <= scalar < secp256k1 order)");
    }
    return new PrivateKey(scalar);
  }

  /** The compressed public key. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** The {@code pokt} address of the public key. */
  public PoktAddress address() {
    return publicKey.address();
  }

  BigInteger scalar() {
    return scalar;
  }

  @Override
  public String toString() {
    return "PrivateKey[" + address() + "]";
  }
}
