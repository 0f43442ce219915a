package dev.fisherman.shannon.wire;

import dev.fisherman.shannon.crypto.GatewayKey;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Wraps HTTP probes into RelayRequests a RelayMiner accepts, and unwraps its RelayResponses into
 * the service's answer or a typed failure. The outer HTTP request is a {@code POST} of {@link
 * SignedRequest#body()} to the supplier's staked URL with {@link #HTTP_HEADERS}.
 */
public interface RelayEnvelope {

  /**
   * The outer request's headers: {@code Content-Type: application/json} although the body is
   * protobuf, as poktroll's clients send it, and {@code Rpc-Type: 3} (JSON-RPC).
   */
  Map<String, String> HTTP_HEADERS = Map.of("Content-Type", "application/json", "Rpc-Type", "3");

  /**
   * An envelope that signs as {@code key}, a gateway the applications have delegated to, with the
   * two-key ring {@code [application, gateway]}. {@code random} draws the signature's nonces and
   * must be a {@link java.security.SecureRandom} outside tests.
   */
  static RelayEnvelope signingAs(GatewayKey key, RandomGenerator random) {
    return new ShannonRelayEnvelope(key, random);
  }

  /** Builds and signs the RelayRequest carrying {@code probe} to {@code target}'s supplier. */
  SignedRequest wrap(RelayTarget target, HttpProbe probe);

  /**
   * Reads the body a RelayMiner answered for {@code target}: a relay error, a failed supplier
   * signature check, a malformed body, or the verified answer with its evidence. Never throws for
   * anything the body contains.
   */
  RelayOutcome unwrap(RelayTarget target, byte[] body);
}
