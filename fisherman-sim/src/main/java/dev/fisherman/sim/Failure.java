package dev.fisherman.sim;

/** How a simulated servicer fails a request that its {@link Behaviour} picks for failure. */
public enum Failure {
  /** An HTTP error status (the behaviour's {@code httpStatus}, 503 by default) with a JSON body. */
  HTTP_STATUS,
  /** HTTP 200 with a JSON-RPC error object instead of a result. */
  RPC_ERROR,
  /** HTTP 200 with a body that is not JSON. */
  GARBAGE,
  /** HTTP 200 with a body of {@code hugeBodyBytes} bytes, streamed in chunks. */
  HUGE_BODY,
  /** Headers and half of the body, then a TCP reset. */
  RESET,
  /** Accept the request and never answer it (the connection stays open). */
  HANG,
  /** Close the connection without answering. */
  CLOSE
}
