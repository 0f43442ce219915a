package dev.fisherman.shannon.crypto;

import java.math.BigInteger;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * Cosmos secp256k1 signatures, as a supplier signs its relay responses: ECDSA over SHA-256 of the
 * message (cosmos hashes its input once more), 64 bytes {@code R ‖ S}, and only the low-S form is
 * valid.
 */
public final class SupplierSignatures {

  private SupplierSignatures() {}

  /** Whether {@code signature} is a valid low-S signature by {@code key} over {@code message}. */
  public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    if (signature == null || signature.length != 64) {
      return false;
    }
    BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, 32));
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
    if (r.signum() == 0 || s.signum() == 0 || r.compareTo(Curve.N) >= 0) {
      return false;
    }
    if (s.compareTo(Curve.HALF_N) > 0) {
      return false;
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(key.point(), Curve.DOMAIN));
    return verifier.verifySignature(Curve.sha256(message), r, s);
  }

  /**
   * Signs as cosmos does: RFC 6979 deterministic nonce over SHA-256(message), S normalised to the
   * low half.
   */
  public static byte[] sign(PrivateKey key, byte[] message) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(key.scalar(), Curve.DOMAIN));
    BigInteger[] rs = signer.generateSignature(Curve.sha256(message));
    BigInteger s = rs[1].compareTo(Curve.HALF_N) > 0 ? Curve.N.subtract(rs[1]) : rs[1];
    byte[] out = new byte[64];
    System.arraycopy(Curve.scalar32(rs[0]), 0, out, 0, 32);
    System.arraycopy(Curve.scalar32(s), 0, out, 32, 32);
    return out;
  }
}
