package dev.fisherman.shannon.wire;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The service's HTTP answer carried inside a RelayResponse: status, headers and body. */
public record HttpAnswer(int status, Map<String, List<String>> headers, byte[] body) {

  public HttpAnswer {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("answer.status: " + status + " (expected: 100..999)");
    }
    headers = Headers.copy("answer.headers", headers);
    body = body == null ? new byte[0] : body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpAnswer a
        && status == a.status
        && headers.equals(a.headers)
        && Arrays.equals(body, a.body);
  }

  @Override
  public int hashCode() {
    return (status * 31 + headers.hashCode()) * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "HttpAnswer[" + status + ", " + body.length + " bytes]";
  }
}
