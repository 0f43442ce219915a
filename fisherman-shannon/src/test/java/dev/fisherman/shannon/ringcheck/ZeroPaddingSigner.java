package dev.fisherman.shannon.ringcheck;

import dev.fisherman.shannon.ringcheck.IndependentRingVerifier.Alignment;
import dev.fisherman.shannon.ringcheck.IndependentRingVerifier.Hashed;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.random.RandomGenerator;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The port everyone writes first: a bLSAG signer identical to ring-go except that HashToScalar
 * zero-pads the reduced hash on the left. Kept as a negative control; it reports whether any of its
 * challenges was a short reduction (the signatures the network will reject).
 */
final class ZeroPaddingSigner {

  record Signed(byte[] signature, int shortChallenges) {}

  private final IndependentRingVerifier hashes =
      new IndependentRingVerifier(Alignment.ZERO_PADDED_ON_LEFT);

  Signed sign(byte[] m, List<byte[]> ring, BigInteger x, int j, RandomGenerator random) {
    int n = ring.size();
    ECPoint[] keys = new ECPoint[n];
    for (int i = 0; i < n; i++) {
      keys[i] = IndependentRingVerifier.decompress(ring.get(i));
    }
    ECPoint hj = IndependentRingVerifier.hashToPoint(ring.get(j));
    ECPoint image = hj.multiply(x);
    BigInteger[] c = new BigInteger[n];
    BigInteger[] s = new BigInteger[n];
    int shorts = 0;
    BigInteger u = scalar(random);
    Hashed h = hashes.challenge(m, IndependentRingVerifier.G.multiply(u), hj.multiply(u));
    shorts += h.shortReduction() ? 1 : 0;
    c[(j + 1) % n] = h.scalar();
    for (int k = 1; k < n; k++) {
      int i = (j + k) % n;
      s[i] = scalar(random);
      ECPoint l = IndependentRingVerifier.G.multiply(s[i]).add(keys[i].multiply(c[i]));
      ECPoint r =
          IndependentRingVerifier.hashToPoint(ring.get(i)).multiply(s[i]).add(image.multiply(c[i]));
      h = hashes.challenge(m, l, r);
      shorts += h.shortReduction() ? 1 : 0;
      c[(i + 1) % n] = h.scalar();
    }
    s[j] = u.subtract(c[j].multiply(x)).mod(IndependentRingVerifier.N);
    ByteBuffer out = ByteBuffer.allocate(4 + 32 + 33 + n * 65);
    out.putInt(n).put(fixed(c[0])).put(image.normalize().getEncoded(true));
    for (int i = 0; i < n; i++) {
      out.put(fixed(s[i])).put(ring.get(i));
    }
    return new Signed(out.array(), shorts);
  }

  private static BigInteger scalar(RandomGenerator random) {
    while (true) {
      BigInteger v = new BigInteger(256, new java.util.Random(random.nextLong()));
      if (v.signum() > 0 && v.compareTo(IndependentRingVerifier.N) < 0) {
        return v;
      }
    }
  }

  private static byte[] fixed(BigInteger v) {
    byte[] out = new byte[32];
    byte[] raw = v.toByteArray();
    int len = Math.min(32, raw.length);
    System.arraycopy(raw, raw.length - len, out, 32 - len, len);
    return out;
  }
}
