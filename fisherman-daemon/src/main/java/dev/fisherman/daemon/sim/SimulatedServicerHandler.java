package dev.fisherman.daemon.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** Answers one connection's requests the way the servicer's behaviour says. */
final class SimulatedServicerHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK_BYTES = 64 * 1024;
  private static final byte[] FILLER = new byte[CHUNK_BYTES];

  static {
    Arrays.fill(FILLER, (byte) 'f');
  }

  private final SimulatedServicer servicer;

  /**
   * When the last answer on this connection is due; later answers never go before it, so responses
   * on a keep-alive connection keep the order of their requests even with jitter.
   */
  private long lastAnswerNanos;

  SimulatedServicerHandler(SimulatedServicer servicer) {
    this.servicer = servicer;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    servicer.countRequest();
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!HttpMethod.POST.equals(request.method())) {
      FullHttpResponse response =
          json(
              HttpResponseStatus.METHOD_NOT_ALLOWED,
              "{\"error\":\"method: " + request.method() + " (expected: POST)\"}");
      send(ctx, response, keepAlive);
      return;
    }
    // The request is read into plain values so its buffer can be released right away.
    Call call = callOf(request.content());
    String id = call.id();
    Behaviour behaviour = servicer.behaviour();
    SimulatedServicer.Plan plan = servicer.plan(behaviour);
    if (plan.failure().filter(f -> f == Failure.HANG).isPresent()) {
      return;
    }
    long now = System.nanoTime();
    long due = Math.max(now + plan.delayNanos(), lastAnswerNanos);
    lastAnswerNanos = due;
    Runnable answer =
        () -> {
          if (!ctx.channel().isActive()) {
            return;
          }
          if (plan.failure().isEmpty()) {
            send(ctx, json(HttpResponseStatus.OK, answer(call)), keepAlive);
          } else {
            answerFailure(ctx, plan.failure().get(), behaviour, id, keepAlive);
          }
        };
    if (due - now <= 0) {
      answer.run();
    } else {
      ctx.executor().schedule(answer, due - now, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Clients reset and abandon connections on purpose (timeouts, size limits); just let go.
    ctx.close();
  }

  private String answer(Call call) {
    String result =
        switch (call.method()) {
          case "eth_chainId" -> "\"" + servicer.chainId() + "\"";
          case "eth_getBlockByNumber" ->
              (call.height().isPresent()
                      ? servicer.blockHash(call.height().getAsLong())
                      : java.util.Optional.<String>empty())
                  .map(
                      h ->
                          "{\"number\":\"0x"
                              + Long.toHexString(call.height().getAsLong())
                              + "\",\"hash\":\""
                              + h
                              + "\"}")
                  .orElse("null");
          default -> null;
        };
    return result == null
        ? okBody(call.id())
        : "{\"jsonrpc\":\"2.0\",\"id\":" + call.id() + ",\"result\":" + result + "}";
  }

  private String okBody(String id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"result\":\"0x"
        + Long.toHexString(servicer.height())
        + "\"}";
  }

  private void answerFailure(
      ChannelHandlerContext ctx, Failure failure, Behaviour behaviour, String id, boolean keep) {
    switch (failure) {
      case HTTP_STATUS ->
          send(
              ctx,
              json(
                  HttpResponseStatus.valueOf(behaviour.httpStatus()),
                  "{\"error\":\"simulated failure\"}"),
              keep);
      case RPC_ERROR ->
          send(
              ctx,
              json(
                  HttpResponseStatus.OK,
                  "{\"jsonrpc\":\"2.0\",\"id\":"
                      + id
                      + ",\"error\":{\"code\":-32000,\"message\":\"simulated failure\"}}"),
              keep);
      case GARBAGE -> {
        FullHttpResponse response =
            full(HttpResponseStatus.OK, "<<garbage, not json>>", "text/plain");
        send(ctx, response, keep);
      }
      case HUGE_BODY -> streamHugeBody(ctx, id, behaviour.hugeBodyBytes(), keep);
      case RESET -> resetMidResponse(ctx, id);
      case CLOSE -> ctx.close();
      case HANG -> {
        // Never answered; handled before scheduling.
      }
    }
  }

  private void resetMidResponse(ChannelHandlerContext ctx, String id) {
    byte[] body = okBody(id).getBytes(StandardCharsets.UTF_8);
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    ctx.write(head);
    ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(body, 0, body.length / 2)))
        .addListener(
            f -> {
              // SO_LINGER 0 turns the close into a TCP RST instead of an orderly FIN.
              ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
              ctx.close();
            });
  }

  private void streamHugeBody(ChannelHandlerContext ctx, String id, long size, boolean keep) {
    byte[] head =
        ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"0x").getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
    HugeBody body = new HugeBody(head, tail, size);
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .set(HttpHeaderNames.CONTENT_LENGTH, size);
    if (!keep) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    ctx.write(response);
    writeNextChunk(ctx, body, 0, keep);
  }

  /** Writes one chunk and the next only once it is flushed, so a slow reader holds the pace. */
  private void writeNextChunk(ChannelHandlerContext ctx, HugeBody body, long from, boolean keep) {
    long to = Math.min(body.size(), from + CHUNK_BYTES);
    ByteBuf chunk = ctx.alloc().buffer((int) (to - from));
    body.write(chunk, from, to);
    if (to == body.size()) {
      ctx.write(new DefaultHttpContent(chunk));
      var done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      if (!keep) {
        done.addListener(ChannelFutureListener.CLOSE);
      }
      return;
    }
    ctx.writeAndFlush(new DefaultHttpContent(chunk))
        .addListener(
            f -> {
              if (f.isSuccess() && ctx.channel().isActive()) {
                writeNextChunk(ctx, body, to, keep);
              }
            });
  }

  private static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keep) {
    if (keep) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response);
    } else {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static FullHttpResponse json(HttpResponseStatus status, String body) {
    return full(status, body, HttpHeaderValues.APPLICATION_JSON.toString());
  }

  private static FullHttpResponse full(HttpResponseStatus status, String body, String type) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, type)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    return response;
  }

  /**
   * A JSON-RPC request read into plain values: the id as JSON text ({@code null} when there is none
   * or no JSON), the method ({@code ""} when none) and, for {@code eth_getBlockByNumber}, the hex
   * height of its first parameter.
   */
  private record Call(String id, String method, OptionalLong height) {}

  private static Call callOf(ByteBuf content) {
    Call none = new Call("null", "", OptionalLong.empty());
    if (!content.isReadable()) {
      return none;
    }
    try (ByteBufInputStream in = new ByteBufInputStream(content.duplicate())) {
      JsonNode tree = JSON.readTree(in);
      if (tree == null || !tree.isObject()) {
        return none;
      }
      JsonNode id = tree.get("id");
      String method = tree.path("method").asText("");
      OptionalLong height = OptionalLong.empty();
      String first = tree.path("params").path(0).asText("");
      if (first.startsWith("0x") && first.length() > 2 && first.length() <= 17) {
        height = OptionalLong.of(Long.parseLong(first.substring(2), 16));
      }
      return new Call(id == null ? "null" : JSON.writeValueAsString(id), method, height);
    } catch (IOException | RuntimeException e) {
      return none;
    }
  }

  /** A JSON body of exactly {@code size} bytes: head, filler, tail (cut short when tiny). */
  private record HugeBody(byte[] head, byte[] tail, long size) {
    void write(ByteBuf out, long from, long to) {
      long tailStart = Math.max(head.length, size - tail.length);
      for (long pos = from; pos < to; ) {
        if (pos < head.length) {
          int n = (int) Math.min(head.length - pos, to - pos);
          out.writeBytes(head, (int) pos, n);
          pos += n;
        } else if (pos < tailStart) {
          int n = (int) Math.min(Math.min(tailStart - pos, to - pos), FILLER.length);
          out.writeBytes(FILLER, 0, n);
          pos += n;
        } else {
          int n = (int) (to - pos);
          out.writeBytes(tail, (int) (pos - tailStart), n);
          pos += n;
        }
      }
    }
  }
}
