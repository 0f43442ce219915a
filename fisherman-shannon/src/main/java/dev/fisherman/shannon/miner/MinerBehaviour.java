package dev.fisherman.shannon.miner;

import java.util.Optional;

/**
 * How a simulated RelayMiner answers. The error behaviours answer as poktroll's RelayMiner does:
 * HTTP 200 with a {@code relay_miner_error} carrying its registered codespace and code.
 */
public enum MinerBehaviour {
  /** Checks the request and answers with a signed response. */
  HONEST(null),
  /** {@code service}/1111: the request carries no session header. */
  MISSING_SESSION_HEADER(
      new ErrorCode("service", 1111, "invalid relay request", "missing session header")),
  /** {@code rings}/3: the ring signature does not verify. */
  BAD_REQUEST_SIGNATURE(
      new ErrorCode(
          "rings",
          3,
          "invalid relay request signature",
          "invalid relay request signature or bytes")),
  /** {@code relay_authenticator}/1: the session does not match the chain's. */
  INVALID_SESSION(
      new ErrorCode(
          "relay_authenticator", 1, "invalid session in relayer request", "session mismatch")),
  /** {@code relay_authenticator}/2: this supplier is not in the session. */
  SUPPLIER_NOT_IN_SESSION(
      new ErrorCode(
          "relay_authenticator",
          2,
          "supplier does not belong to session",
          "supplier not in session")),
  /** {@code relayer_proxy}/7: the RelayMiner's off-chain rate limit. */
  RATE_LIMITED(
      new ErrorCode(
          "relayer_proxy", 7, "offchain rate limit hit by relayer proxy", "rate limited")),
  /** Serves the relay but leaves the supplier signature out. */
  UNSIGNED(null),
  /** Serves the relay signed by a key that is not the supplier's. */
  WRONG_SIGNATURE(null),
  /** Signs the response, then swaps the payload so it no longer matches the signed hash. */
  TAMPERED_PAYLOAD(null);

  /** A registered RelayMiner error. */
  public record ErrorCode(String codespace, int code, String description, String detail) {}

  private final ErrorCode error;

  MinerBehaviour(ErrorCode error) {
    this.error = error;
  }

  /** The error this behaviour forces on every relay, if it is an error behaviour. */
  public Optional<ErrorCode> error() {
    return Optional.ofNullable(error);
  }
}
