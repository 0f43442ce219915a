package dev.fisherman.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.probe.Outcome;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void classify_connectRefused_isRefused() {
    assertThat(
            Failures.classify(new ConnectException("Connection refused: /127.0.0.1:9")).outcome())
        .isEqualTo(Outcome.REFUSED);
  }

  @Test
  void classify_connectFailedOtherwise_isReset() {
    Failures.Failure f = Failures.classify(new ConnectException("Socket is not connected"));

    assertThat(f.outcome()).isEqualTo(Outcome.RESET);
    assertThat(f.detail()).isEqualTo("connection failed during connect: Socket is not connected");
  }

  @Test
  void classify_connectTimedOutByTheKernel_isConnectTimeout() {
    assertThat(Failures.classify(new ConnectException("Connection timed out")).outcome())
        .isEqualTo(Outcome.TIMEOUT_CONNECT);
    assertThat(Failures.classify(new ConnectTimeoutException("connection timed out")).outcome())
        .isEqualTo(Outcome.TIMEOUT_CONNECT);
  }

  @Test
  void classify_wrappedCauses_areFoundDownTheChain() {
    assertThat(
            Failures.classify(new RuntimeException(new UnknownHostException("nowhere.invalid")))
                .outcome())
        .isEqualTo(Outcome.DNS);
    assertThat(Failures.classify(new SSLHandshakeException("bad certificate")).outcome())
        .isEqualTo(Outcome.TLS);
    assertThat(Failures.classify(new SocketException("Connection reset")).outcome())
        .isEqualTo(Outcome.RESET);
    assertThat(Failures.classify(new ClosedChannelException()).outcome()).isEqualTo(Outcome.RESET);
  }
}
