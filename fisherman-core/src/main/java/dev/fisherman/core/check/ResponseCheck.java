package dev.fisherman.core.check;

import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.genesis.Service;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a servicer's answer means for one service: classifies a whole HTTP response into an {@link
 * Outcome} and reads the facts it carries (a height, a block identifier, a chain id). The relay
 * client only carries bytes; the check chosen for the service decides. Implementations are
 * stateless and called from event loops, so they must be fast and must not block.
 */
public interface ResponseCheck {

  /** Whether the body of a response with {@code status} must be collected for {@link #judge}. */
  boolean readsBody(int status);

  /**
   * Judges a whole response.
   *
   * @param status the HTTP status
   * @param body the body bytes when {@link #readsBody(int)} said so, else empty
   * @param requestId the JSON-RPC id the request carried, when it carried one
   */
  Verdict judge(int status, byte[] body, int offset, int length, OptionalLong requestId);

  /** The check {@code service} asks for in genesis ({@code expect}). */
  static ResponseCheck of(Service service) {
    // A generic JSON-RPC service reads a hex quantity result (eth_blockNumber and the like) as
    // the block height; a service kind that knows better brings its own check.
    return ServiceChecks.of(service).sampling();
  }

  /** A check that takes any 2xx response as {@code ok} and reads no body. */
  static ResponseCheck status() {
    return StatusCheck.OK_2XX;
  }

  /**
   * What a response amounted to.
   *
   * @param outcome the outcome class
   * @param rpcErrorCode the JSON-RPC error code, for {@link Outcome#RPC_ERROR}
   * @param facts what the response said about the servicer's chain
   * @param detail a short human explanation; empty for {@code ok}
   */
  record Verdict(Outcome outcome, OptionalLong rpcErrorCode, ProbeFacts facts, String detail) {
    /** {@code ok} with no facts. */
    public static final Verdict OK =
        new Verdict(Outcome.OK, OptionalLong.empty(), ProbeFacts.NONE, "");

    public Verdict {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(rpcErrorCode, "rpcErrorCode");
      Objects.requireNonNull(facts, "facts");
      Objects.requireNonNull(detail, "detail");
    }

    /** An outcome with no facts and no error code. */
    public static Verdict of(Outcome outcome, String detail) {
      return new Verdict(outcome, OptionalLong.empty(), ProbeFacts.NONE, detail);
    }

    /** A non-2xx status. */
    public static Verdict httpStatus(int status) {
      return of(Outcome.HTTP_STATUS, "HTTP " + status);
    }
  }
}
