package dev.fisherman.genesis;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code jsonrpc} service's answers tell, as the operator names it ({@code
 * services[].reads}): for each of the height, a block identifier at a height and the chain id, the
 * JSON-RPC method to call, its params and a JSON pointer into the answer's {@code result}.
 *
 * @param height read from every sampling round; its request is the sampling request unless {@code
 *     relay} overrides it
 * @param blockId asked in integrity rounds; its params hold the height placeholder
 * @param chainId asked in the session's chain round when the service names a {@code chain_id}
 */
public record JsonRpcReads(Optional<Read> height, Optional<Read> blockId, Optional<Read> chainId) {
  /** The placeholder replaced by the height as a JSON number, e.g. {@code 17}. */
  public static final String HEIGHT = "{height}";

  /** The placeholder replaced by the height as a hex quantity string, e.g. {@code "0x11"}. */
  public static final String HEIGHT_HEX = "{height_hex}";

  public JsonRpcReads {
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(blockId, "blockId");
    Objects.requireNonNull(chainId, "chainId");
    if (height.isEmpty() && blockId.isEmpty() && chainId.isEmpty()) {
      throw new IllegalArgumentException("reads: {} (expected: height, block_id or chain_id)");
    }
    blockId.ifPresent(
        r -> {
          if (!r.asksAtHeight()) {
            throw new IllegalArgumentException(
                "reads.block_id.params: "
                    + r.params()
                    + " (expected: params holding \""
                    + HEIGHT
                    + "\" or \""
                    + HEIGHT_HEX
                    + "\")");
          }
        });
  }

  /**
   * One read: the request {@code {"jsonrpc":"2.0","method":method,"params":params,"id":…}} and
   * where in its {@code result} the value is.
   *
   * @param method the JSON-RPC method
   * @param params the params as compact JSON (an array or an object), placeholders as strings
   * @param pointer an RFC 6901 JSON pointer into {@code result}; empty for the result itself
   */
  public record Read(String method, String params, String pointer) {
    private static final Pattern POINTER = Pattern.compile("(/([^~/]|~[01])*)*");

    public Read {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(params, "params");
      Objects.requireNonNull(pointer, "pointer");
      if (method.isEmpty()) {
        throw new IllegalArgumentException("method: \"\" (expected: a JSON-RPC method name)");
      }
      if (!(params.startsWith("[") || params.startsWith("{"))) {
        throw new IllegalArgumentException(
            "params: " + params + " (expected: a JSON array or object)");
      }
      if (!isPointer(pointer)) {
        throw new IllegalArgumentException(
            "pointer: \"" + pointer + "\" (expected: a JSON pointer such as /hash)");
      }
    }

    /** Whether {@code s} is an RFC 6901 JSON pointer: empty, or {@code /}-led reference tokens. */
    public static boolean isPointer(String s) {
      return POINTER.matcher(s).matches();
    }

    /** Whether the params hold a height placeholder (as a JSON string). */
    public boolean asksAtHeight() {
      return params.contains('"' + HEIGHT + '"') || params.contains('"' + HEIGHT_HEX + '"');
    }

    /** The params with each height placeholder replaced by {@code height}. */
    public String params(long height) {
      if (height < 0) {
        throw new IllegalArgumentException("height: " + height + " (expected: >= 0)");
      }
      return params
          .replace('"' + HEIGHT + '"', Long.toString(height))
          .replace('"' + HEIGHT_HEX + '"', "\"0x" + Long.toHexString(height) + '"');
    }
  }
}
