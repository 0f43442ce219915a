package dev.fisherman.shannon.ringcheck;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A bLSAG verifier written from the protocol facts alone, sharing no code with the signer: its own
 * parsing, the JDK's SHA3, its own square root for hash-to-curve, and BouncyCastle's generic prime
 * curve (not the specialised secp256k1 implementation the signer uses) for the group arithmetic.
 *
 * <ul>
 *   <li>{@code H_p(P)}: x = SHA3-256(compressed P); the point with even y; else re-hash the digest,
 *       up to 128 times.
 *   <li>{@code c_{i+1} = HashToScalar(m ‖ L_i ‖ R_i)}, {@code L_i = s_i·G + c_i·P_i}, {@code R_i =
 *       s_i·H_p(P_i) + c_i·I}; valid when the last challenge equals c_0.
 *   <li>HashToScalar: SHA3-512 mod N, minimal big-endian bytes copied to the start of 32 bytes.
 * </ul>
 */
final class IndependentRingVerifier {

  /** How the reduced hash is placed in its 32-byte buffer. */
  enum Alignment {
    /** go-dleq's default backend: minimal bytes at the start of the buffer (the network's rule). */
    LEFT_ALIGNED,
    /** What a careful port writes by habit: zero bytes first. Wrong for this network. */
    ZERO_PADDED_ON_LEFT
  }

  static final X9ECParameters PARAMS = SECNamedCurves.getByName("secp256k1");
  static final ECCurve CURVE = PARAMS.getCurve();
  static final ECPoint G = PARAMS.getG();
  static final BigInteger N = PARAMS.getN();
  static final BigInteger P = CURVE.getField().getCharacteristic();

  /** A scalar from HashToScalar, and whether its reduction was shorter than 32 bytes. */
  record Hashed(BigInteger scalar, boolean shortReduction) {}

  /** The verdict and how many of the challenges computed on the way were short reductions. */
  record Verdict(boolean valid, int shortChallenges) {}

  private final Alignment alignment;

  IndependentRingVerifier(Alignment alignment) {
    this.alignment = alignment;
  }

  Verdict verify(byte[] message, byte[] signature) {
    if (message.length != 32) {
      return new Verdict(false, 0);
    }
    ByteBuffer in = ByteBuffer.wrap(signature);
    if (signature.length < 4) {
      return new Verdict(false, 0);
    }
    int n = in.getInt();
    if (n < 2 || signature.length != 4 + 32 + 33 + n * (32 + 33)) {
      return new Verdict(false, 0);
    }
    BigInteger c0 = readScalar(in);
    ECPoint image = readPoint(in);
    List<BigInteger> s = new ArrayList<>();
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      s.add(readScalar(in));
      byte[] key = new byte[33];
      in.get(key);
      keys.add(key);
    }
    if (c0 == null || image == null || s.contains(null)) {
      return new Verdict(false, 0);
    }
    BigInteger c = c0;
    int shorts = 0;
    for (int i = 0; i < n; i++) {
      ECPoint pk = decompress(keys.get(i));
      if (pk == null) {
        return new Verdict(false, shorts);
      }
      ECPoint l = ECAlgorithms.sumOfTwoMultiplies(G, s.get(i), pk, c);
      ECPoint r = ECAlgorithms.sumOfTwoMultiplies(hashToPoint(keys.get(i)), s.get(i), image, c);
      Hashed next = challenge(message, l, r);
      shorts += next.shortReduction() ? 1 : 0;
      c = next.scalar();
    }
    return new Verdict(c.equals(c0), shorts);
  }

  Hashed challenge(byte[] message, ECPoint l, ECPoint r) {
    byte[] input = new byte[32 + 33 + 33];
    System.arraycopy(message, 0, input, 0, 32);
    System.arraycopy(l.normalize().getEncoded(true), 0, input, 32, 33);
    System.arraycopy(r.normalize().getEncoded(true), 0, input, 65, 33);
    return hashToScalar(input);
  }

  Hashed hashToScalar(byte[] input) {
    BigInteger reduced = new BigInteger(1, digest("SHA3-512", input)).mod(N);
    int length = (reduced.bitLength() + 7) / 8;
    byte[] buffer = new byte[32];
    byte[] magnitude = reduced.toByteArray();
    int from = magnitude.length - length;
    int to = alignment == Alignment.LEFT_ALIGNED ? 0 : 32 - length;
    System.arraycopy(magnitude, from, buffer, to, length);
    return new Hashed(new BigInteger(1, buffer).mod(N), length < 32);
  }

  // Points are cached by encoding so that BouncyCastle's per-point multiplication tables are
  // reused across the thousands of signatures over the same few keys.
  private static final Map<String, ECPoint> HASHED = new ConcurrentHashMap<>();
  private static final Map<String, Optional<ECPoint>> DECOMPRESSED = new ConcurrentHashMap<>();

  static ECPoint hashToPoint(byte[] compressedKey) {
    return HASHED.computeIfAbsent(
        HexFormat.of().formatHex(compressedKey), k -> computeHashToPoint(compressedKey));
  }

  private static ECPoint computeHashToPoint(byte[] compressedKey) {
    byte[] h = digest("SHA3-256", compressedKey);
    for (int i = 0; i < 128; i++) {
      ECPoint p = evenPoint(new BigInteger(1, h).mod(P));
      if (p != null) {
        return p;
      }
      h = digest("SHA3-256", h);
    }
    throw new IllegalStateException("no point");
  }

  /** The point with this x and even y, or null; y = (x³+7)^((p+1)/4) as p ≡ 3 (mod 4). */
  static ECPoint evenPoint(BigInteger x) {
    BigInteger rhs = x.pow(3).add(BigInteger.valueOf(7)).mod(P);
    BigInteger y = rhs.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
    if (!y.multiply(y).mod(P).equals(rhs)) {
      return null;
    }
    if (y.testBit(0)) {
      y = P.subtract(y);
    }
    return CURVE.createPoint(x, y);
  }

  static ECPoint decompress(byte[] key) {
    return DECOMPRESSED
        .computeIfAbsent(
            HexFormat.of().formatHex(key), k -> Optional.ofNullable(computeDecompress(key)))
        .orElse(null);
  }

  private static ECPoint computeDecompress(byte[] key) {
    if (key.length != 33 || (key[0] != 2 && key[0] != 3)) {
      return null;
    }
    BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(key, 1, 33));
    if (x.compareTo(P) >= 0) {
      return null;
    }
    ECPoint even = evenPoint(x);
    if (even == null) {
      return null;
    }
    return key[0] == 2 ? even : even.negate();
  }

  private static BigInteger readScalar(ByteBuffer in) {
    byte[] b = new byte[32];
    in.get(b);
    BigInteger v = new BigInteger(1, b);
    return v.compareTo(N) < 0 ? v : null;
  }

  private static ECPoint readPoint(ByteBuffer in) {
    byte[] b = new byte[33];
    in.get(b);
    return decompress(b);
  }

  static byte[] digest(String algorithm, byte[] input) {
    try {
      return MessageDigest.getInstance(algorithm).digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK >= 9", e);
    }
  }
}
