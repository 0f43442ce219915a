package dev.fisherman.core.relay;

import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Sends relay probes to servicers over HTTP/1.1 (plain or TLS) and classifies each into exactly one
 * {@link Outcome} with its phase timings.
 *
 * <p>Every future returned completes exactly once, never exceptionally: whatever a servicer does
 * (refuse, hang, reset, answer garbage or a huge body) becomes an {@link Observation}, and probes
 * still running when the client is closed complete as {@link Outcome#CANCELLED}. The client runs on
 * an event loop group it is given and does not shut that group down.
 */
public interface RelayClient extends AutoCloseable {

  /**
   * A client probing through {@code group}, which must be a NIO group (e.g. {@code new
   * MultiThreadIoEventLoopGroup(NioIoHandler.newFactory())}) that the caller owns.
   */
  static RelayClient create(EventLoopGroup group, RelayClientConfig config) {
    return new DefaultRelayClient(group, config);
  }

  /**
   * Sends {@code request} to the servicer at {@code url}; the future completes on an event loop
   * once the probe's outcome is decided (at the latest {@code relay_timeout} after it started).
   */
  CompletableFuture<Observation> probe(URI url, RelayRequest request, ProbeLabel label);

  /** A one-off probe of {@code url}, labelled with the URL and sent now. */
  default CompletableFuture<Observation> probe(URI url, RelayRequest request) {
    return probe(url, request, ProbeLabel.now(url.toString()));
  }

  /** Probes started whose outcome is not decided yet. */
  int inFlight();

  /**
   * Closes every connection; probes still running complete as {@link Outcome#CANCELLED} and later
   * probes are cancelled at once. Does not shut the event loop group down.
   */
  @Override
  void close();
}
