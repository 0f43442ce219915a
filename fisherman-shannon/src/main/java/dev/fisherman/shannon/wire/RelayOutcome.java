package dev.fisherman.shannon.wire;

import dev.fisherman.shannon.crypto.PublicKey;
import java.util.Arrays;

/** What a RelayMiner's answer turned out to be. */
public sealed interface RelayOutcome {

  /** The outcome's name as observations record it. */
  String kind();

  /** A supplier-signed, verified answer of the service; the evidence lets anyone re-verify it. */
  record Answered(HttpAnswer answer, Evidence evidence) implements RelayOutcome {
    public Answered {
      if (answer == null || evidence == null) {
        throw new IllegalArgumentException("answered: answer and evidence are required");
      }
    }

    @Override
    public String kind() {
      return "ok";
    }
  }

  /** The RelayMiner refused or failed the relay and said so in {@code relay_miner_error}. */
  record RelayError(String codespace, long code, String description, String message)
      implements RelayOutcome {
    public RelayError {
      codespace = codespace == null ? "" : codespace;
      description = description == null ? "" : description;
      message = message == null ? "" : message;
      if (code < 0 || code > 0xffff_ffffL) {
        throw new IllegalArgumentException("relay error code: " + code + " (expected: uint32)");
      }
    }

    @Override
    public String kind() {
      return "relay_error";
    }
  }

  /** The answer is not provably the supplier's. */
  record BadSignature(Reason reason, String detail) implements RelayOutcome {
    public BadSignature {
      if (reason == null) {
        throw new IllegalArgumentException("bad signature: reason is required");
      }
      detail = detail == null ? "" : detail;
    }

    @Override
    public String kind() {
      return "bad_signature";
    }
  }

  /** The body is not a RelayResponse we can read, or its payload is not an HTTP response. */
  record Malformed(String detail) implements RelayOutcome {
    public Malformed {
      detail = detail == null ? "" : detail;
    }

    @Override
    public String kind() {
      return "malformed";
    }
  }

  /** Why an answer counts as {@code bad_signature}. */
  enum Reason {
    /** No supplier signature at all. */
    MISSING_SIGNATURE,
    /** A signature that the supplier's key did not make over these bytes. */
    INVALID_SIGNATURE,
    /** The payload does not hash to the signed payload hash. */
    PAYLOAD_HASH_MISMATCH,
    /** The signed session header is not the one the request carried. */
    SESSION_MISMATCH
  }

  /**
   * What a third party needs to check who answered: the response as received, the bytes the
   * signature covers, the signature and the supplier key.
   */
  record Evidence(byte[] response, byte[] signableBytes, byte[] signature, PublicKey supplierKey) {
    public Evidence {
      if (response == null || signableBytes == null || signature == null || supplierKey == null) {
        throw new IllegalArgumentException("evidence: every part is required");
      }
      response = response.clone();
      signableBytes = signableBytes.clone();
      signature = signature.clone();
    }

    @Override
    public byte[] response() {
      return response.clone();
    }

    @Override
    public byte[] signableBytes() {
      return signableBytes.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Evidence e
          && Arrays.equals(response, e.response)
          && Arrays.equals(signableBytes, e.signableBytes)
          && Arrays.equals(signature, e.signature)
          && supplierKey.equals(e.supplierKey);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
      return "Evidence[" + response.length + " bytes, supplier " + supplierKey.address() + "]";
    }
  }
}
