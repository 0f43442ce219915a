package dev.fisherman.shannon.wire;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The HTTP request a probe sends to the service behind a RelayMiner: method, headers, path with
 * query (the RelayMiner keeps only those of the URL) and body.
 */
public record HttpProbe(
    String method, Map<String, List<String>> headers, String pathAndQuery, byte[] body) {

  public HttpProbe {
    if (method == null || method.isEmpty() || !method.chars().allMatch(c -> c > 32 && c < 127)) {
      throw new IllegalArgumentException("probe.method: " + method + " (expected: an HTTP token)");
    }
    if (pathAndQuery == null || !pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException(
          "probe.path: " + pathAndQuery + " (expected: a path starting with /)");
    }
    headers = Headers.copy("probe.headers", headers);
    body = body == null ? new byte[0] : body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpProbe p
        && method.equals(p.method)
        && headers.equals(p.headers)
        && pathAndQuery.equals(p.pathAndQuery)
        && Arrays.equals(body, p.body);
  }

  @Override
  public int hashCode() {
    return (method.hashCode() * 31 + headers.hashCode()) * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "HttpProbe[" + method + " " + pathAndQuery + ", " + body.length + " bytes]";
  }
}
