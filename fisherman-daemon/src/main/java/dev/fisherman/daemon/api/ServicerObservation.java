package dev.fisherman.daemon.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One probe of one servicer: a line of a session export after the report. A signed answer carries
 * its {@code signature}, so anyone can check again who answered ({@code fisherman verify-export}).
 */
public record ServicerObservation(
    String servicer,
    @JsonUnwrapped Observation observation,
    @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Signature> signature) {
  public ServicerObservation {
    Objects.requireNonNull(servicer, "servicer");
    Objects.requireNonNull(observation, "observation");
    Objects.requireNonNull(signature, "signature");
  }

  /**
   * The supplier's signature of a Shannon answer, in hex: its compressed secp256k1 public key, the
   * bytes it signed (the RelayResponse without its signature, and without its payload when it
   * carries a payload hash) and the 64-byte {@code R‖S} signature over SHA-256(SHA-256(signed)).
   */
  public record Signature(String publicKey, String signedBytes, String signature) {
    public Signature {
      Objects.requireNonNull(publicKey, "publicKey");
      Objects.requireNonNull(signedBytes, "signedBytes");
      Objects.requireNonNull(signature, "signature");
    }
  }

  /** The wire form of a recorded probe with its servicer. */
  public static ServicerObservation of(dev.fisherman.core.probe.Observation o) {
    HexFormat hex = HexFormat.of();
    return new ServicerObservation(
        o.servicer(),
        Observation.of(o),
        o.attestation()
            .map(
                a ->
                    new Signature(
                        hex.formatHex(a.publicKey()),
                        hex.formatHex(a.signedBytes()),
                        hex.formatHex(a.signature()))));
  }
}
