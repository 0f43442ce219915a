package dev.fisherman.core.probe;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Who answered a probe, provably: the supplier's signature over the bytes it signed, and the public
 * key it verified under. Anyone holding these can check the signature again without trusting the
 * fisherman. The arrays are shared, never modified.
 *
 * @param signer the address of {@code publicKey}, the servicer that answered
 * @param publicKey the signer's public key (a 33-byte compressed secp256k1 key on Shannon)
 * @param signedBytes the bytes the signature covers
 * @param signature the signature
 */
public record Attestation(String signer, byte[] publicKey, byte[] signedBytes, byte[] signature) {
  public Attestation {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(signedBytes, "signedBytes");
    Objects.requireNonNull(signature, "signature");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attestation a
        && signer.equals(a.signer)
        && Arrays.equals(publicKey, a.publicKey)
        && Arrays.equals(signedBytes, a.signedBytes)
        && Arrays.equals(signature, a.signature);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "Attestation["
        + signer
        + ", key "
        + HexFormat.of().formatHex(publicKey)
        + ", "
        + signedBytes.length
        + " bytes signed]";
  }
}
