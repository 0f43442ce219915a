package dev.fisherman.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.testkit.Genesises;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.testkit.NoLeaks;
import io.netty.buffer.Unpooled;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpClientCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeaks.class)
class ProbeHandlerTest {

  @Test
  void channelRead_withNoProbeWaiting_releasesTheMessageAndClosesTheConnection() {
    var group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try (DefaultRelayClient client =
        new DefaultRelayClient(
            group,
            RelayClientConfig.from(
                Genesises.qos(1, Distribution.STRATIFIED, Duration.ZERO, Duration.ofSeconds(1))),
            FishermanClock.system())) {
      Endpoint endpoint = new Endpoint(client, URI.create("http://127.0.0.1:1"), group.next());
      EmbeddedChannel ch =
          new EmbeddedChannel(new HttpClientCodec(), new ProbeHandler(endpoint, null));
      var content =
          new DefaultHttpContent(Unpooled.copiedBuffer("unasked", StandardCharsets.US_ASCII));

      ch.pipeline().fireChannelRead(content);

      assertThat(content.refCnt()).isZero();
      assertThat(ch.isOpen()).isFalse();
      assertThat(ch.finishAndReleaseAll()).isFalse();
    } finally {
      group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
