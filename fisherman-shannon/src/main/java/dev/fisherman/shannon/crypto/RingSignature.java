package dev.fisherman.shannon.crypto;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A bLSAG linkable ring signature on secp256k1, as pokt-network/ring-go makes it with go-dleq's
 * default backend. Encoding: {@code u32be(n) ‖ c0 (32) ‖ key image (33) ‖ n × (s_i (32) ‖ P_i
 * (33))}, 199 bytes for a ring of two.
 */
public final class RingSignature {

  private static final int HEADER = 4 + 32 + 33;
  private static final int MEMBER = 32 + 33;
  private static final int MAX_RING = 64;

  private final List<PublicKey> ring;
  private final BigInteger c0;
  private final ECPoint keyImage;
  private final List<BigInteger> s;

  RingSignature(List<PublicKey> ring, BigInteger c0, ECPoint keyImage, List<BigInteger> s) {
    this.ring = List.copyOf(ring);
    this.c0 = c0;
    this.keyImage = keyImage.normalize();
    this.s = List.copyOf(s);
  }

  /** Reads an encoded signature, strictly: exact length, canonical scalars, points on the curve. */
  public static RingSignature parse(byte[] bytes) {
    if (bytes == null || bytes.length < 4) {
      throw new IllegalArgumentException(
          "ring signature: "
              + (bytes == null ? "null" : bytes.length + " bytes")
              + " (expected: "
              + (HEADER + 2 * MEMBER)
              + " bytes for a ring of 2)");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    long n = Integer.toUnsignedLong(in.getInt());
    if (n < 2 || n > MAX_RING) {
      throw new IllegalArgumentException(
          "ring signature: ring size " + n + " (expected: 2.." + MAX_RING + ")");
    }
    long expected = HEADER + n * MEMBER;
    if (bytes.length != expected) {
      throw new IllegalArgumentException(
          "ring signature: "
              + bytes.length
              + " bytes for a ring of "
              + n
              + " (expected: "
              + expected
              + ")");
    }
    BigInteger c0 = scalar(in, "c0");
    ECPoint image = point(in, "key image");
    List<PublicKey> ring = new ArrayList<>();
    List<BigInteger> s = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      s.add(scalar(in, "s[" + i + "]"));
      byte[] key = new byte[33];
      in.get(key);
      try {
        ring.add(PublicKey.fromCompressed(key));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("ring signature: ring[" + i + "]: " + e.getMessage());
      }
    }
    return new RingSignature(ring, c0, image, s);
  }

  private static BigInteger scalar(ByteBuffer in, String what) {
    byte[] b = new byte[32];
    in.get(b);
    BigInteger v = new BigInteger(1, b);
    if (v.compareTo(Curve.N) >= 0) {
      throw new IllegalArgumentException(
          "ring signature: " + what + " (expected: a scalar below the group order)");
    }
    return v;
  }

  private static ECPoint point(ByteBuffer in, String what) {
    byte[] b = new byte[33];
    in.get(b);
    try {
      return PublicKey.fromCompressed(b).point();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("ring signature: " + what + ": " + e.getMessage());
    }
  }

  /** The encoded signature. */
  public byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(HEADER + ring.size() * MEMBER);
    out.putInt(ring.size());
    out.put(Curve.scalar32(c0));
    out.put(Curve.compress(keyImage));
    for (int i = 0; i < ring.size(); i++) {
      out.put(Curve.scalar32(s.get(i)));
      out.put(ring.get(i).compressedView());
    }
    return out.array();
  }

  /** The ring's public keys, in signature order. */
  public List<PublicKey> ring() {
    return ring;
  }

  /** The compressed key image, equal for any two signatures by the same key. */
  public byte[] keyImage() {
    return Curve.compress(keyImage);
  }

  /** Whether this signature is valid for the 32-byte message. */
  public boolean verify(byte[] message) {
    RingSigner.checkMessage(message);
    BigInteger c = c0;
    for (int i = 0; i < ring.size(); i++) {
      PublicKey p = ring.get(i);
      ECPoint l = Curve.G.multiply(s.get(i)).add(p.point().multiply(c));
      ECPoint r = RingSigner.hashToPoint(p).multiply(s.get(i)).add(keyImage.multiply(c));
      c = RingSigner.challenge(message, l, r);
    }
    return c.equals(c0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RingSignature r && Arrays.equals(encode(), r.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "RingSignature[n=" + ring.size() + ", keyImage=" + PublicKey.of(keyImage) + "]";
  }
}
