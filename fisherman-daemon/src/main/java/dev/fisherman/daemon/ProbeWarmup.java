package dev.fisherman.daemon;

import dev.fisherman.core.relay.RelayClient;
import dev.fisherman.core.relay.RelayClientConfig;
import dev.fisherman.core.relay.RelayRequest;
import dev.fisherman.genesis.ConnectionMode;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.LimitsParams;
import dev.fisherman.genesis.Service;
import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.SimulatedServicer;
import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the probe path before the daemon says it is ready: a relay client on the daemon's probe
 * event loops probes an in-process simulated servicer on loopback (never a real one) with each
 * service's relay, so that the first probes of real sessions run compiled code on loaded classes.
 * Fishermen probe each servicer about once a minute, a rate at which the probe path would otherwise
 * stay cold for hours. Bounded by a number of probes and a time budget; its results are thrown
 * away.
 */
final class ProbeWarmup {
  private static final Logger log = LoggerFactory.getLogger(ProbeWarmup.class);
  private static final int IN_FLIGHT = 8;

  private ProbeWarmup() {}

  /** Starts the warm-up on its own thread; the future completes, never exceptionally, when done. */
  static CompletableFuture<Void> start(
      Genesis genesis, EventLoopGroup group, int probes, Duration budget) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (probes == 0 || genesis.services().isEmpty()) {
      done.complete(null);
      return done;
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                run(genesis, group, probes, budget);
              } catch (RuntimeException e) {
                log.warn("warm-up: stopped early; the first probes may measure cold code", e);
              } finally {
                done.complete(null);
              }
            },
            "fisherman-warmup");
    thread.setDaemon(true);
    thread.start();
    return done;
  }

  private static void run(Genesis genesis, EventLoopGroup group, int probes, Duration budget) {
    long began = System.nanoTime();
    long deadline = began + budget.toNanos();
    List<LongFunction<RelayRequest>> relays = new ArrayList<>();
    for (Service service : genesis.services()) {
      relays.add(RelayRequest.renderer(service));
    }
    // The default deny list, not genesis's: this servicer is on loopback on purpose.
    RelayClientConfig config =
        new RelayClientConfig(
            genesis.qos().relayTimeout(),
            genesis.qos().maxResponseBytes(),
            ConnectionMode.REUSE,
            Optional.empty(),
            RelayClientConfig.DEFAULT_IDLE_TIMEOUT,
            LimitsParams.DEFAULTS);
    int sent = 0;
    try (SimulatedServicer servicer =
            SimulatedServicer.start(
                group,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Behaviour.healthy());
        RelayClient client = RelayClient.create(group, config)) {
      client.prepare(List.of(servicer.url())).get(budget.toMillis(), TimeUnit.MILLISECONDS);
      while (sent < probes && System.nanoTime() - deadline < 0) {
        List<CompletableFuture<?>> batch = new ArrayList<>(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT && sent < probes; i++, sent++) {
          batch.add(client.probe(servicer.url(), relays.get(sent % relays.size()).apply(sent + 1)));
        }
        CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new))
            .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (java.util.concurrent.TimeoutException e) {
      // The budget ran out: the probes left are cancelled as the client closes.
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info(
        "warm-up: {} probes of the in-process servicer in {} ms",
        sent,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
  }
}
