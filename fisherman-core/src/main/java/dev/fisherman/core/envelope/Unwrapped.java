package dev.fisherman.core.envelope;

import dev.fisherman.core.probe.Attestation;
import dev.fisherman.core.probe.Outcome;
import java.util.Objects;
import java.util.OptionalLong;

/** What a wrapped answer turned out to be. */
public sealed interface Unwrapped {

  /**
   * The service's own HTTP response, provably from the servicer: it goes through the service's
   * response check like a direct answer.
   */
  record Answer(int status, byte[] body, Attestation attestation) implements Unwrapped {
    public Answer {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(attestation, "attestation");
      if (status < 100 || status > 999) {
        throw new IllegalArgumentException("status: " + status + " (expected: 100..999)");
      }
    }
  }

  /**
   * The protocol failed: {@link Outcome#RELAY_ERROR} (with its code), {@link
   * Outcome#BAD_SIGNATURE}, or {@link Outcome#INVALID_RESPONSE} for an answer that is not the
   * protocol's.
   */
  record Failed(Outcome outcome, OptionalLong code, String detail) implements Unwrapped {
    public Failed {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
