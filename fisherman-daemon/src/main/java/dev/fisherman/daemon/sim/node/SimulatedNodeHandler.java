package dev.fisherman.daemon.sim.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One connection to the simulated node: REST session queries, or a JSON-RPC websocket. */
final class SimulatedNodeHandler extends SimpleChannelInboundHandler<Object> {
  private final SimulatedNode node;
  private boolean websocket;

  SimulatedNodeHandler(SimulatedNode node) {
    this.node = node;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      websocket = true;
      node.websocketOpened();
    } else if (evt instanceof IdleStateEvent idle) {
      if (idle.state() == IdleState.READER_IDLE) {
        // CometBFT closes a connection that has been silent for its read wait.
        ctx.close();
      } else if (idle.state() == IdleState.WRITER_IDLE && websocket) {
        ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER));
      }
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest request) {
      rest(ctx, request);
    } else if (msg instanceof TextWebSocketFrame text) {
      rpc(ctx, text.text());
    } else if (msg instanceof WebSocketFrame) {
      // pong and binary frames carry nothing the node acts on
    }
  }

  private void rpc(ChannelHandlerContext ctx, String text) {
    JsonNode request;
    try {
      request = SimulatedNode.JSON.readTree(text);
    } catch (Exception e) {
      reply(ctx, error(-1, -32700, "Parse error", e.getMessage()));
      return;
    }
    long id = request.path("id").asLong(-1);
    String method = request.path("method").asText("");
    switch (method) {
      case "subscribe" -> {
        String query = request.path("params").path("query").asText("");
        if (!query.equals(SimulatedNode.NEW_BLOCK_HEADER)) {
          reply(ctx, error(id, -32603, "Internal error", "unsupported query: " + query));
          return;
        }
        ObjectNode ack = SimulatedNode.JSON.createObjectNode();
        ack.put("jsonrpc", "2.0");
        ack.put("id", id);
        ack.putObject("result");
        reply(ctx, ack);
        node.subscribe(ctx.channel(), id);
      }
      case "unsubscribe_all", "unsubscribe" -> {
        node.unsubscribe(ctx.channel());
        ObjectNode ack = SimulatedNode.JSON.createObjectNode();
        ack.put("jsonrpc", "2.0");
        ack.put("id", id);
        ack.putObject("result");
        reply(ctx, ack);
      }
      default -> reply(ctx, error(id, -32601, "Method not found", method));
    }
  }

  private static ObjectNode error(long id, int code, String message, String data) {
    ObjectNode e = SimulatedNode.JSON.createObjectNode();
    e.put("code", code);
    e.put("message", message);
    e.put("data", data);
    ObjectNode r = SimulatedNode.JSON.createObjectNode();
    r.put("jsonrpc", "2.0");
    r.put("id", id);
    r.set("error", e);
    return r;
  }

  private static void reply(ChannelHandlerContext ctx, ObjectNode body) {
    ctx.writeAndFlush(new TextWebSocketFrame(body.toString()));
  }

  private void rest(ChannelHandlerContext ctx, FullHttpRequest request) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    SimulatedNode.Answer answer;
    if (!request.method().equals(HttpMethod.GET)) {
      answer = new SimulatedNode.Answer(405, "{\"code\":12,\"message\":\"Method Not Allowed\"}");
    } else if (uri.path().startsWith(SimulatedNode.APPLICATION_PATH)) {
      answer = node.applicationQuery(uri.path().substring(SimulatedNode.APPLICATION_PATH.length()));
    } else if (uri.path().startsWith(SimulatedNode.ACCOUNT_PATH)) {
      answer = node.accountQuery(uri.path().substring(SimulatedNode.ACCOUNT_PATH.length()));
    } else if (!uri.path().equals(SimulatedNode.SESSION_PATH)) {
      answer = new SimulatedNode.Answer(404, "{\"code\":5,\"message\":\"Not Implemented\"}");
    } else {
      Map<String, String> params = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> e : uri.parameters().entrySet()) {
        params.put(e.getKey(), e.getValue().get(0));
      }
      answer = node.sessionQuery(params);
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    long delay = node.restDelay().toNanos();
    if (delay > 0) {
      ctx.executor().schedule(() -> send(ctx, answer, keepAlive), delay, TimeUnit.NANOSECONDS);
    } else {
      send(ctx, answer, keepAlive);
    }
  }

  private static void send(ChannelHandlerContext ctx, SimulatedNode.Answer answer, boolean keep) {
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(answer.status()),
            Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    HttpUtil.setContentLength(response, body.length);
    HttpUtil.setKeepAlive(response, keep);
    var f = ctx.writeAndFlush(response);
    if (!keep) {
      f.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
