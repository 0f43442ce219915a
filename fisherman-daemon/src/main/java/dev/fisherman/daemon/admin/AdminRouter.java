package dev.fisherman.daemon.admin;

import dev.fisherman.daemon.metrics.DaemonMeters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;
import io.netty.util.AsciiString;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes an aggregated request to its endpoint: {@code 404} for an unknown path, {@code 405} with
 * {@code Allow} for a known path and another method, {@code 401} for a write without the bearer
 * token, {@code 500} (logged) if an endpoint fails. Stateless, so one instance serves every
 * connection.
 */
@Sharable
final class AdminRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(AdminRouter.class);
  private static final AsciiString NO_STORE = AsciiString.cached("no-store");
  private static final AsciiString NOSNIFF_NAME = AsciiString.cached("X-Content-Type-Options");
  private static final AsciiString NOSNIFF = AsciiString.cached("nosniff");

  /** A path pattern ({@code *} matches one non-empty segment) and its endpoint per method. */
  record Route(String name, List<String> pattern, Map<HttpMethod, Endpoint> methods) {
    Route {
      pattern = List.copyOf(pattern);
      methods = new LinkedHashMap<>(methods);
    }

    static Route of(String name, String pattern, Map<HttpMethod, Endpoint> methods) {
      return new Route(name, segments(pattern), methods);
    }

    /** The path's parameters (its segments where the pattern has {@code *}), or null. */
    List<String> match(List<String> path) {
      int size = pattern.size();
      if (path.size() != size) {
        return null;
      }
      int wildcards = 0;
      for (int i = 0; i < size; i++) {
        String want = pattern.get(i);
        String got = path.get(i);
        if (want.equals("*")) {
          if (got.isEmpty()) {
            return null;
          }
          wildcards++;
        } else if (!want.equals(got)) {
          return null;
        }
      }
      if (wildcards == 0) {
        return List.of();
      }
      String[] params = new String[wildcards];
      for (int i = 0, p = 0; i < size; i++) {
        if (pattern.get(i).equals("*")) {
          params[p++] = path.get(i);
        }
      }
      return Arrays.asList(params);
    }

    String allow() {
      return methods.keySet().stream()
          .map(HttpMethod::name)
          .sorted()
          .collect(Collectors.joining(", "));
    }
  }

  private final List<Route> routes;
  // Every word of the routes' patterns (no '%' or '+' among them: a segment equal to one needs no
  // decoding).
  private final String[] literals;
  private final Optional<BearerToken> token;
  private final DaemonMeters metrics;
  private final LogLimiter errors = new LogLimiter(Duration.ofSeconds(10), System::nanoTime);

  AdminRouter(List<Route> routes, Optional<BearerToken> token, DaemonMeters metrics) {
    super(true);
    this.routes = List.copyOf(routes);
    this.literals =
        routes.stream()
            .flatMap(r -> r.pattern().stream())
            .filter(w -> !w.equals("*") && w.indexOf('%') < 0 && w.indexOf('+') < 0)
            .distinct()
            .toArray(String[]::new);
    this.token = token;
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    long start = System.nanoTime();
    Routed routed = route(ctx, request);
    AdminResponse response = routed.response();
    metrics.adminRequest(routed.route(), response.status().code(), System.nanoTime() - start);
    if (response.stream().isPresent()) {
      // Head first, then the body in chunks as the connection takes them (ChunkedWriteHandler).
      ctx.write(streamedHead(request, response));
      ctx.writeAndFlush(new HttpChunkedInput(response.stream().get()));
      return;
    }
    ctx.writeAndFlush(toNetty(ctx.alloc(), request, response));
  }

  private static HttpResponse streamedHead(FullHttpRequest request, AdminResponse r) {
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, r.status());
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, NO_STORE);
    response.headers().set(NOSNIFF_NAME, NOSNIFF);
    r.headers().forEach((name, value) -> response.headers().set(name, value));
    HttpUtil.setTransferEncodingChunked(response, true);
    HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
    return response;
  }

  private record Routed(String route, AdminResponse response) {}

  private Routed route(ChannelHandlerContext ctx, FullHttpRequest request) {
    Uri uri = new Uri(request.uri());
    List<String> path = segments(uri.rawPath(), literals);
    if (path == null) {
      return new Routed("unmatched", notFound(request.uri()));
    }
    for (Route route : routes) {
      List<String> params = route.match(path);
      if (params == null) {
        continue;
      }
      Endpoint endpoint = route.methods().get(request.method());
      if (endpoint == null) {
        return new Routed(
            route.name(),
            AdminResponse.error(
                    HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method: "
                        + request.method().name()
                        + " (expected: "
                        + route.allow().replace(", ", " or ")
                        + ")",
                    Optional.of("method"))
                .withHeader("Allow", route.allow()));
      }
      SocketAddress remote = ctx.channel().remoteAddress();
      if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
        Optional<AdminResponse> denied = authorize(request, remote);
        if (denied.isPresent()) {
          return new Routed(route.name(), denied.get());
        }
      }
      AdminRequest admin =
          new AdminRequest(
              request.method(),
              uri.path(),
              params,
              uri.parameters(),
              request.headers(),
              ByteBufUtil.getBytes(request.content()),
              remote);
      try {
        return new Routed(route.name(), endpoint.handle(admin));
      } catch (Exception e) {
        log.error("admin: {} {} failed", request.method(), uri.path(), e);
        return new Routed(
            route.name(),
            AdminResponse.error(
                HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error", Optional.empty()));
      }
    }
    return new Routed("unmatched", notFound(uri.rawPath()));
  }

  private Optional<AdminResponse> authorize(FullHttpRequest request, SocketAddress remote) {
    if (token.isEmpty()) {
      // Without a token the admin port only binds to loopback; refuse writes that still come from
      // elsewhere (e.g. a forwarded port) rather than trust them.
      if (remote instanceof InetSocketAddress inet && !inet.getAddress().isLoopbackAddress()) {
        return Optional.of(
            AdminResponse.error(
                HttpResponseStatus.FORBIDDEN,
                "authorization: writes without a token are taken from loopback only",
                Optional.of("authorization")));
      }
      return Optional.empty();
    }
    String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (token.get().matches(header)) {
      return Optional.empty();
    }
    return Optional.of(
        AdminResponse.error(
                HttpResponseStatus.UNAUTHORIZED,
                header == null
                    ? "authorization: missing (expected: Bearer <token>)"
                    : "authorization: wrong token (expected: Bearer <token>)",
                Optional.of("authorization"))
            .withHeader("WWW-Authenticate", "Bearer realm=\"fisherman\""));
  }

  private static AdminResponse notFound(String path) {
    return AdminResponse.error(
        HttpResponseStatus.NOT_FOUND,
        "path: " + Quote.of(path) + " (expected: an admin API path, see docs/admin-api.md)",
        Optional.of("path"));
  }

  /**
   * A request target split once: the raw path, and the decoded path and query parameters only when
   * there is something to decode (most requests have neither {@code %} nor a query).
   */
  private static final class Uri {
    private final String raw;
    private final String rawPath;
    private final boolean hasQuery;
    private QueryStringDecoder decoder;

    Uri(String raw) {
      // As QueryStringDecoder: the path ends at the first '?' or '#'.
      int end = -1;
      for (int i = 0; i < raw.length() && end < 0; i++) {
        char c = raw.charAt(i);
        if (c == '?' || c == '#') {
          end = i;
        }
      }
      this.raw = raw;
      this.rawPath = end < 0 ? raw : raw.substring(0, end);
      this.hasQuery = end >= 0;
    }

    String rawPath() {
      return rawPath;
    }

    String path() {
      return rawPath.indexOf('%') < 0 ? rawPath : decoder().path();
    }

    Map<String, List<String>> parameters() {
      return hasQuery ? decoder().parameters() : Map.of();
    }

    private QueryStringDecoder decoder() {
      if (decoder == null) {
        decoder = new QueryStringDecoder(raw);
      }
      return decoder;
    }
  }

  /** Decoded path segments, or null when the path is not absolute. */
  static List<String> segments(String rawPath) {
    return segments(rawPath, new String[0]);
  }

  /**
   * Decoded path segments, or null when the path is not absolute; a segment that is one of {@code
   * literals} is that string itself, not a copy (a request's path is mostly the route's own words).
   */
  static List<String> segments(String rawPath, String[] literals) {
    if (!rawPath.startsWith("/")) {
      return null;
    }
    int count = 1;
    for (int i = 1; i < rawPath.length(); i++) {
      if (rawPath.charAt(i) == '/') {
        count++;
      }
    }
    String[] out = new String[count];
    int from = 1;
    for (int k = 0; k < count; k++) {
      int to = rawPath.indexOf('/', from);
      if (to < 0) {
        to = rawPath.length();
      }
      String literal = literal(rawPath, from, to, literals);
      try {
        // Returns the segment itself when it has no % or +.
        out[k] =
            literal != null
                ? literal
                : QueryStringDecoder.decodeComponent(rawPath.substring(from, to));
      } catch (IllegalArgumentException e) {
        return null;
      }
      from = to + 1;
    }
    return Arrays.asList(out);
  }

  private static String literal(String rawPath, int from, int to, String[] literals) {
    int length = to - from;
    for (String l : literals) {
      if (l.length() == length && rawPath.regionMatches(from, l, 0, length)) {
        return l;
      }
    }
    return null;
  }

  private static FullHttpResponse toNetty(
      ByteBufAllocator alloc, FullHttpRequest request, AdminResponse r) {
    byte[] body = r.body();
    // The body goes out in a pooled buffer: the encoder then copies it next to the head without
    // wrapping a heap array for the copy.
    ByteBuf content = alloc.buffer(body.length, body.length).writeBytes(body);
    if (r.headers().isEmpty()
        && request.protocolVersion().equals(HttpVersion.HTTP_1_1)
        && HttpUtil.isKeepAlive(request)) {
      // Most answers: the fixed headers, and nothing after here changes them (the keep-alive
      // handler would only to close, and the request did not ask to). One array, nothing hashed.
      return new DefaultFullHttpResponse(
          HttpVersion.HTTP_1_1,
          r.status(),
          content,
          new ReadOnlyHttpHeaders(
              false,
              HttpHeaderNames.CONTENT_TYPE,
              r.contentType(),
              HttpHeaderNames.CACHE_CONTROL,
              NO_STORE,
              NOSNIFF_NAME,
              NOSNIFF,
              HttpHeaderNames.CONTENT_LENGTH,
              Integer.toString(body.length)),
          // A response with a length has no trailers: no headers object made for them.
          EmptyHttpHeaders.INSTANCE);
    }
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            r.status(),
            content,
            DefaultHttpHeadersFactory.headersFactory().newHeaders(),
            EmptyHttpHeaders.INSTANCE);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, NO_STORE);
    response.headers().set(NOSNIFF_NAME, NOSNIFF);
    r.headers().forEach((name, value) -> response.headers().set(name, value));
    HttpUtil.setContentLength(response, body.length);
    HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
    return response;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException
        || cause instanceof PrematureChannelClosureException
        || !ctx.channel().isActive()) {
      // A client that went away, mid-body or not: expected, and no trace helps.
      log.debug(
          "admin: connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      long held = errors.tryLog(cause.getClass().getName());
      if (held != LogLimiter.SUPPRESSED) {
        log.warn(
            "admin: connection from {} failed{}",
            ctx.channel().remoteAddress(),
            LogLimiter.note(held),
            cause);
      }
    }
    ctx.close();
  }
}
