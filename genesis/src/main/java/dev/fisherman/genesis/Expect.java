package dev.fisherman.genesis;

/**
 * What a good response of a service looks like.
 *
 * @param jsonrpcResult the body must be a JSON-RPC response with a {@code result} and the id that
 *     was sent; when false, any 2xx response counts as {@code ok}
 */
public record Expect(boolean jsonrpcResult) {
  /** The default: a JSON-RPC result is expected. */
  public static final Expect DEFAULTS = new Expect(true);
}
