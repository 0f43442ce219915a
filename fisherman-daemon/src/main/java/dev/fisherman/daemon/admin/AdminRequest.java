package dev.fisherman.daemon.admin;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;

/**
 * One admin request, read off the wire and routed.
 *
 * @param params the decoded path parameters of the matched route, in order
 * @param query decoded query parameters
 * @param body the request body (at most the admin body limit)
 * @param remote the peer's address
 */
record AdminRequest(
    HttpMethod method,
    String path,
    List<String> params,
    Map<String, List<String>> query,
    HttpHeaders headers,
    byte[] body,
    SocketAddress remote) {

  String param(int i) {
    return params.get(i);
  }
}
