package dev.fisherman.core.envelope;

import java.util.Optional;

/**
 * How the relays of one session travel: {@link #DIRECT} sends the service's request as it is; a
 * protocol envelope (Shannon) wraps and signs it for each servicer, and reads each answer back into
 * the service's response, a protocol failure, and who provably answered. A source chooses the
 * envelope per session; the relay client calls it and stays ignorant of the protocol.
 *
 * <p>{@link #wrap} runs on the engine's round thread before the round's fan-out (so signing costs
 * no fan-out skew); {@link #unwrap} runs on event loops and must be fast, never block and never
 * throw for anything a servicer sent.
 */
public interface RelayEnvelope {

  /** Relays travel as they are: today's path. */
  RelayEnvelope DIRECT =
      new RelayEnvelope() {
        @Override
        public String name() {
          return "direct";
        }

        @Override
        public Optional<Wrapped> wrap(String servicer, Probe probe) {
          return Optional.empty();
        }

        @Override
        public Unwrapped unwrap(String servicer, byte[] body, int offset, int length) {
          throw new UnsupportedOperationException("direct relays are not unwrapped");
        }

        @Override
        public String toString() {
          return "RelayEnvelope[direct]";
        }
      };

  /** The protocol's name as the API and logs show it: {@code direct}, {@code shannon}. */
  String name();

  /** Whether this is {@link #DIRECT}. */
  default boolean direct() {
    return this == DIRECT;
  }

  /**
   * The request that carries {@code probe} to {@code servicer}, POSTed to its URL as given; empty
   * when {@code probe} goes as it is (e.g. to a canary, which is no servicer of the session).
   *
   * @throws IllegalArgumentException when the probe cannot be wrapped for this servicer
   */
  Optional<Wrapped> wrap(String servicer, Probe probe);

  /** Reads a 2xx answer {@code servicer} gave to a wrapped request. */
  Unwrapped unwrap(String servicer, byte[] body, int offset, int length);
}
