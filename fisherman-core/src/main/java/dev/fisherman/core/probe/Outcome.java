package dev.fisherman.core.probe;

import java.util.Locale;

/** How a probe ended. Every probe ends in exactly one of these. */
public enum Outcome {
  /** A 2xx response that met the service's expectations. */
  OK,
  /** The TCP (or TLS) connection could not be opened within the relay timeout. */
  TIMEOUT_CONNECT,
  /** Connected, but the whole response did not arrive within the relay timeout. */
  TIMEOUT_RESPONSE,
  /**
   * The connection was refused: by the servicer's host, or by the fisherman itself when the URL
   * cannot be addressed or its address is on the {@code params.limits.deny} list (the detail says
   * which).
   */
  REFUSED,
  /** The connection was reset or closed before a whole response arrived. */
  RESET,
  /** The servicer's host name did not resolve. */
  DNS,
  /** The TLS handshake failed. */
  TLS,
  /** A non-2xx HTTP status; the code is kept on the observation. */
  HTTP_STATUS,
  /** A JSON-RPC error object; the code is kept on the observation. */
  RPC_ERROR,
  /**
   * A Shannon RelayMiner refused or failed the relay ({@code relay_miner_error}); the code is kept
   * on the observation and the codespace in its detail.
   */
  RELAY_ERROR,
  /**
   * A Shannon answer that is not provably the supplier's: no or a wrong supplier signature, a
   * payload that does not match its signed hash, or an answer signed for another session.
   */
  BAD_SIGNATURE,
  /** Not JSON, not HTTP, no {@code result}, or the wrong id. */
  INVALID_RESPONSE,
  /** The response body exceeded {@code max_response_bytes}. */
  TOO_LARGE,
  /** Not run to the end: the fisherman shut down or the session ended first. */
  CANCELLED,
  /**
   * The round was the fisherman's fault (stalled, or its own network down): recorded apart and
   * never counted against the servicer.
   */
  EXCLUDED;

  /**
   * Whether the probe failed the way a broken network fails: connect timeout, refused or
   * unreachable, reset, DNS.
   */
  public boolean isNetworkFailure() {
    return this == TIMEOUT_CONNECT || this == REFUSED || this == RESET || this == DNS;
  }

  /** Whether the probe counts in availability: neither cancelled nor excluded. */
  public boolean isJudged() {
    return this != CANCELLED && this != EXCLUDED;
  }

  /** The name used in the API, metrics and logs, e.g. {@code timeout_connect}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
