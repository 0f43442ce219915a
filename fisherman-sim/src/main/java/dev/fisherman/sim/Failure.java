package dev.fisherman.sim;

/** How a simulated servicer fails a request that its {@link Behaviour} picks for failure. */
public enum Failure {
  /** An HTTP error status (the behaviour's {@code httpStatus}, 503 by default) with a JSON body. */
  HTTP_STATUS,
  /** HTTP 200 with a JSON-RPC error object instead of a result. */
  RPC_ERROR,
  /** HTTP 200 with a body that is not JSON. */
  GARBAGE,
  /** HTTP 200 with a body of {@code hugeBodyBytes} bytes, announced and streamed in chunks. */
  HUGE_BODY,
  /** Like {@link #HUGE_BODY} with chunked transfer encoding: no length is announced up front. */
  HUGE_CHUNKED_BODY,
  /** Bytes that are not HTTP at all, instead of a status line. */
  NOT_HTTP,
  /** HTTP 200 with a result and another id than the request's (its id + 1 when a number). */
  WRONG_ID,
  /** HTTP 200 with a JSON-RPC object that has neither result nor error. */
  MISSING_RESULT,
  /**
   * Answer the first request on each connection correctly and close the connection, unanswered, at
   * the next one: a keep-alive connection the servicer drops between two requests.
   */
  CLOSE_AFTER_FIRST_ANSWER,
  /** Headers and half of the body, then a TCP reset. */
  RESET,
  /** Accept the request and never answer it (the connection stays open). */
  HANG,
  /** Close the connection without answering. */
  CLOSE
}
