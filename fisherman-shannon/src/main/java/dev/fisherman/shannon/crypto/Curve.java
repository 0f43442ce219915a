package dev.fisherman.shannon.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/** secp256k1 and the hashes the Shannon protocol uses, in one place. */
final class Curve {

  static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  static final ECCurve CURVE = PARAMS.getCurve();
  static final ECPoint G = PARAMS.getG();
  static final BigInteger N = PARAMS.getN();
  static final BigInteger HALF_N = N.shiftRight(1);
  static final BigInteger P = CURVE.getField().getCharacteristic();
  static final ECDomainParameters DOMAIN =
      new ECDomainParameters(CURVE, G, N, PARAMS.getH(), PARAMS.getSeed());

  private Curve() {}

  static byte[] sha256(byte[]... parts) {
    SHA256Digest d = new SHA256Digest();
    return finish(d, parts);
  }

  /** FIPS 202 SHA3-256, not Keccak-256. */
  static byte[] sha3_256(byte[]... parts) {
    return finish(new SHA3Digest(256), parts);
  }

  /** FIPS 202 SHA3-512, not Keccak-512. */
  static byte[] sha3_512(byte[]... parts) {
    return finish(new SHA3Digest(512), parts);
  }

  static byte[] ripemd160(byte[] in) {
    return finish(new RIPEMD160Digest(), new byte[][] {in});
  }

  private static byte[] finish(org.bouncycastle.crypto.Digest d, byte[][] parts) {
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return out;
  }

  /** The 33-byte compressed encoding ({@code 02|03 ‖ x}). */
  static byte[] compress(ECPoint p) {
    return p.normalize().getEncoded(true);
  }

  /** 32 bytes big-endian, zero-padded on the left: how scalars travel on the wire. */
  static byte[] scalar32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}
