package dev.fisherman.core.relay;

import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeLabel;
import dev.fisherman.core.time.FishermanClock;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.util.List;
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
    return create(group, config, FishermanClock.system());
  }

  /**
   * A client probing through {@code group} that times probes with {@code clock}: its {@link
   * FishermanClock#nanoTime()} is the scale of {@link ProbeLabel#intendedNanoTime()} and of every
   * phase timing. The relay timeout itself is an event loop timer and runs on real time.
   */
  static RelayClient create(EventLoopGroup group, RelayClientConfig config, FishermanClock clock) {
    return new DefaultRelayClient(group, config, clock);
  }

  /**
   * Sends {@code request} to the servicer at {@code url}; the future completes on an event loop
   * once the probe's outcome is decided (at the latest {@code relay_timeout} after it started).
   */
  CompletableFuture<Observation> probe(URI url, RelayRequest request, ProbeLabel label);

  /**
   * Sends the same {@code request} to every URL of {@code urls} at once (a round's fan-out), labels
   * taken from {@code labels} by position. Probes are handed to each event loop as one batch, so a
   * loop sends its share back to back instead of interleaving sends with reading answers; the
   * futures are in the order of {@code urls}.
   */
  List<CompletableFuture<Observation>> fanOut(
      List<URI> urls, RelayRequest request, List<ProbeLabel> labels);

  /**
   * Opens a kept-alive connection to each of {@code urls} that has none idle, so that the next
   * probe finds one ready instead of connecting inside its round (connection reuse only: a client
   * that opens a connection per probe does nothing). The future completes once every attempt is
   * over, never exceptionally; a servicer that cannot be reached is left to its probes to report.
   */
  CompletableFuture<Void> prepare(List<URI> urls);

  /**
   * Asks the client's event loops to stay awake for the next {@code nanos}, so that a fan-out due
   * within that time lands on running loops (see {@link HotLoops}); does nothing when the group is
   * not a {@link HotLoops}.
   */
  default void heat(long nanos) {}

  /** A one-off probe of {@code url}, labelled with the URL and sent now by the client's clock. */
  CompletableFuture<Observation> probe(URI url, RelayRequest request);

  /** Probes started whose outcome is not decided yet. */
  int inFlight();

  /**
   * Closes every connection; probes still running complete as {@link Outcome#CANCELLED} and later
   * probes are cancelled at once. Does not shut the event loop group down. Blocks until the event
   * loops have cancelled their probes (at most a few seconds), so never call it on one of them.
   */
  @Override
  void close();
}
