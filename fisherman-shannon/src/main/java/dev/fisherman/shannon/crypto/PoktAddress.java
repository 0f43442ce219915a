package dev.fisherman.shannon.crypto;

/**
 * A bech32 {@code pokt} account address: RIPEMD-160(SHA-256(compressed public key)), the cosmos
 * derivation.
 */
public record PoktAddress(String value) {

  /** The human-readable part of every account address on the network. */
  public static final String PREFIX = "pokt";

  public PoktAddress {
    if (value == null) {
      throw new IllegalArgumentException("address: null (expected: a bech32 pokt1... address)");
    }
    Bech32.Decoded decoded;
    try {
      decoded = Bech32.decode(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "address: " + value + " (expected: a bech32 pokt1... address; " + e.getMessage() + ")");
    }
    if (!decoded.hrp().equals(PREFIX) || !value.equals(value.toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException(
          "address: " + value + " (expected: lower-case prefix \"pokt\")");
    }
    if (decoded.data().length != 20) {
      throw new IllegalArgumentException(
          "address: " + value + " carries " + decoded.data().length + " bytes (expected: 20)");
    }
  }

  /** The address of a public key. */
  public static PoktAddress of(PublicKey key) {
    return new PoktAddress(
        Bech32.encode(PREFIX, Curve.ripemd160(Curve.sha256(key.compressedView()))));
  }

  @Override
  public String toString() {
    return value;
  }
}
