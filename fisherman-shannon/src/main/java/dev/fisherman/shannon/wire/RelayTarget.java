package dev.fisherman.shannon.wire;

import dev.fisherman.shannon.crypto.PoktAddress;
import dev.fisherman.shannon.crypto.PublicKey;

/**
 * Where one relay goes and whom to believe: the session, the application's public key (the other
 * member of the ring), and the supplier operator whose key must sign the answer.
 */
public record RelayTarget(
    RelaySession session,
    PublicKey applicationKey,
    PoktAddress supplierOperator,
    PublicKey supplierKey) {

  public RelayTarget {
    if (session == null || applicationKey == null || supplierOperator == null) {
      throw new IllegalArgumentException(
          "relay target: session, application key and supplier operator are required");
    }
    if (supplierKey == null) {
      throw new IllegalArgumentException(
          "relay target: supplier key of " + supplierOperator + " unknown (expected: a key)");
    }
    if (!applicationKey.address().equals(session.application())) {
      throw new IllegalArgumentException(
          "relay target: application key "
              + applicationKey.address()
              + " (expected: the key of "
              + session.application()
              + ")");
    }
    if (!supplierKey.address().equals(supplierOperator)) {
      throw new IllegalArgumentException(
          "relay target: supplier key "
              + supplierKey.address()
              + " (expected: the key of "
              + supplierOperator
              + ")");
    }
  }
}
