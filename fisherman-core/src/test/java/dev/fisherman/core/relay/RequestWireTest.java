package dev.fisherman.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.check.ResponseCheck;
import dev.fisherman.core.testkit.Genesises;
import dev.fisherman.testkit.NoLeaks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeaks.class)
class RequestWireTest {

  @Test
  void headAndRest_areTheRequestAsHttp11() {
    RelayRequest request = RelayRequest.of(Genesises.ETH, 42);
    ByteBuf rest = RequestWire.rest(ByteBufAllocator.DEFAULT, request, false);
    try {
      String wire =
          new String(RequestWire.head("POST", "/", "127.0.0.1:8545"), StandardCharsets.US_ASCII)
              + rest.toString(StandardCharsets.US_ASCII);

      assertThat(wire)
          .isEqualTo(
              "POST / HTTP/1.1\r\nhost: 127.0.0.1:8545\r\n"
                  + "content-type: application/json\r\ncontent-length: "
                  + request.bodyText().length()
                  + "\r\n\r\n"
                  + request.bodyText());
      assertThat(rest.isDirect()).isTrue();
    } finally {
      rest.release();
    }
  }

  @Test
  void rest_templateHeadersKeepTheirContentTypeAndCloseAsksToClose() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-test");
    headers.put("x-api", "k");
    RelayRequest request =
        RelayRequest.create(
            "GET",
            "/status",
            headers,
            new byte[0],
            OptionalLong.empty(),
            ResponseCheck.of(Genesises.ETH));
    ByteBuf rest = RequestWire.rest(ByteBufAllocator.DEFAULT, request, true);
    try {
      assertThat(rest.toString(StandardCharsets.US_ASCII))
          .isEqualTo(
              "Content-Type: application/x-test\r\nx-api: k\r\ncontent-length: 0\r\n"
                  + "connection: close\r\n\r\n");
    } finally {
      rest.release();
    }
  }

  @Test
  void responseDecoder_afterHead_takesNoBodyWhateverContentLengthSays() {
    ResponseDecoder decoder = new ResponseDecoder(4096, 16384, 16384);
    EmbeddedChannel ch = new EmbeddedChannel(decoder);
    decoder.expect(HttpMethod.HEAD);

    ch.writeInbound(
        Unpooled.copiedBuffer(
            "HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n", StandardCharsets.US_ASCII));

    Object head = ch.readInbound();
    Object last = ch.readInbound();
    assertThat(head).isInstanceOf(HttpResponse.class);
    assertThat(last).isInstanceOf(LastHttpContent.class);
    ((LastHttpContent) last).release();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }
}
