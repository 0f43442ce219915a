package dev.fisherman.shannon.crypto;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.random.RandomGenerator;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Signs 32-byte messages with a bLSAG ring signature exactly as pokt-network/ring-go does on
 * secp256k1 with go-dleq's default backend, including its hash-to-scalar quirk (see {@link
 * #hashToScalar}).
 */
public final class RingSigner {

  private static final int HASH_TO_POINT_TRIES = 128;

  private RingSigner() {}

  /**
   * Signs {@code message} (32 bytes, the SHA-256 of the signable bytes) with {@code key}, whose
   * public key must be in {@code ring}. The random source must be a {@link
   * java.security.SecureRandom} outside tests: a predictable nonce reveals the key.
   */
  public static RingSignature sign(
      byte[] message, List<PublicKey> ring, PrivateKey key, RandomGenerator random) {
    checkMessage(message);
    int n = ring.size();
    if (n < 2) {
      throw new IllegalArgumentException("ring: " + n + " keys (expected: >= 2)");
    }
    if (new HashSet<>(ring).size() != n) {
      throw new IllegalArgumentException("ring: duplicate keys (expected: distinct keys)");
    }
    int j = ring.indexOf(key.publicKey());
    if (j < 0) {
      throw new IllegalArgumentException(
          "ring: signer " + key.address() + " is not in the ring (expected: one of its keys)");
    }
    BigInteger x = key.scalar();
    ECPoint hj = hashToPoint(ring.get(j));
    ECPoint image = hj.multiply(x).normalize();

    BigInteger[] c = new BigInteger[n];
    BigInteger[] s = new BigInteger[n];
    BigInteger u = randomScalar(random);
    c[(j + 1) % n] = challenge(message, Curve.G.multiply(u), hj.multiply(u));
    for (int k = 1; k < n; k++) {
      int i = (j + k) % n;
      s[i] = randomScalar(random);
      ECPoint l = Curve.G.multiply(s[i]).add(ring.get(i).point().multiply(c[i]));
      ECPoint r = hashToPoint(ring.get(i)).multiply(s[i]).add(image.multiply(c[i]));
      c[(i + 1) % n] = challenge(message, l, r);
    }
    s[j] = u.subtract(c[j].multiply(x)).mod(Curve.N);
    return new RingSignature(ring, c[0], image, List.of(s));
  }

  static void checkMessage(byte[] message) {
    if (message == null || message.length != 32) {
      throw new IllegalArgumentException(
          "message: "
              + (message == null ? "null" : message.length + " bytes")
              + " (expected: 32 bytes)");
    }
  }

  static BigInteger challenge(byte[] message, ECPoint l, ECPoint r) {
    return hashToScalar(message, Curve.compress(l), Curve.compress(r));
  }

  /**
   * go-dleq's HashToScalar: SHA3-512 as an integer mod N, whose minimal big-endian bytes are copied
   * to the START of a 32-byte buffer. When the reduced value is shorter than 32 bytes (about 1 in
   * 256) the scalar is therefore shifted left, not zero-padded; every verifier on the network
   * computes it so.
   */
  static BigInteger hashToScalar(byte[]... parts) {
    BigInteger reduced = new BigInteger(1, Curve.sha3_512(parts)).mod(Curve.N);
    byte[] minimal = minimalBytes(reduced);
    byte[] buffer = new byte[32];
    System.arraycopy(minimal, 0, buffer, 0, minimal.length);
    BigInteger scalar = new BigInteger(1, buffer);
    if (scalar.compareTo(Curve.N) >= 0) {
      // go-dleq panics here ("hash should not be reduced twice"); the chance is about 2^-127.
      throw new IllegalStateException("hash to scalar: left-aligned value reaches the order");
    }
    return scalar;
  }

  private static byte[] minimalBytes(BigInteger v) {
    byte[] raw = v.toByteArray();
    int start = 0;
    while (start < raw.length && raw[start] == 0) {
      start++;
    }
    byte[] out = new byte[raw.length - start];
    System.arraycopy(raw, start, out, 0, out.length);
    return out;
  }

  /**
   * ring-go's hash to curve: SHA3-256 of the compressed key read as x, the point with even y; when
   * x is not on the curve, hash the digest again.
   */
  static ECPoint hashToPoint(PublicKey key) {
    byte[] h = Curve.sha3_256(key.compressedView());
    for (int i = 0; i < HASH_TO_POINT_TRIES; i++) {
      BigInteger x = new BigInteger(1, h).mod(Curve.P);
      byte[] encoded = new byte[33];
      encoded[0] = 0x02;
      System.arraycopy(Curve.scalar32(x), 0, encoded, 1, 32);
      try {
        return Curve.CURVE.decodePoint(encoded);
      } catch (IllegalArgumentException notOnCurve) {
        h = Curve.sha3_256(h);
      }
    }
    throw new IllegalStateException("hash to curve: no point after " + HASH_TO_POINT_TRIES);
  }

  private static BigInteger randomScalar(RandomGenerator random) {
    while (true) {
      byte[] b = new byte[32];
      for (int i = 0; i < 32; i += 8) {
        long v = random.nextLong();
        for (int k = 0; k < 8; k++) {
          b[i + k] = (byte) (v >>> (8 * k));
        }
      }
      BigInteger v = new BigInteger(1, b);
      if (v.signum() > 0 && v.compareTo(Curve.N) < 0) {
        return v;
      }
    }
  }
}
