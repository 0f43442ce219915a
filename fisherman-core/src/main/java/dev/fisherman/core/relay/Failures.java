package dev.fisherman.core.relay;

import dev.fisherman.core.probe.Outcome;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Maps what went wrong on the wire to an outcome class and a short explanation. */
final class Failures {
  private static final int MAX_DETAIL = 160;

  record Failure(Outcome outcome, String detail) {}

  private Failures() {}

  static Failure classify(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return new Failure(Outcome.DNS, "unknown host " + message(t));
      }
      if (t instanceof SSLException) {
        return new Failure(Outcome.TLS, "TLS: " + message(t));
      }
      if (t instanceof ConnectTimeoutException) {
        return new Failure(Outcome.TIMEOUT_CONNECT, message(t));
      }
      if (t instanceof NoRouteToHostException) {
        return new Failure(Outcome.REFUSED, message(t));
      }
      if (t instanceof ConnectException) {
        return connectFailure(t);
      }
      if (t instanceof TooLongFrameException) {
        return new Failure(Outcome.INVALID_RESPONSE, "not HTTP: " + message(t));
      }
      if (t instanceof PrematureChannelClosureException) {
        return new Failure(Outcome.RESET, "connection closed before the whole response arrived");
      }
      if (t instanceof ClosedChannelException) {
        return new Failure(Outcome.RESET, "connection closed");
      }
    }
    if (cause instanceof IOException) {
      return new Failure(Outcome.RESET, message(cause));
    }
    return new Failure(Outcome.INVALID_RESPONSE, message(cause));
  }

  /**
   * A failed connect is {@code refused} only when the servicer's host said so. A peer that
   * completed the handshake and then reset (or dropped) the connection before the client saw it
   * established also surfaces as a connect failure, but it is a reset, not a refusal.
   */
  private static Failure connectFailure(Throwable t) {
    String m = message(t);
    String lower = m.toLowerCase(Locale.ROOT);
    if (lower.contains("refused")) {
      return new Failure(Outcome.REFUSED, m);
    }
    if (lower.contains("timed out")) {
      return new Failure(Outcome.TIMEOUT_CONNECT, m);
    }
    return new Failure(Outcome.RESET, "connection failed during connect: " + m);
  }

  static String message(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      m = t.getClass().getSimpleName();
    }
    return m.length() <= MAX_DETAIL ? m : m.substring(0, MAX_DETAIL) + "...";
  }
}
