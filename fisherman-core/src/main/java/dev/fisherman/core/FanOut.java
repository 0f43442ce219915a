package dev.fisherman.core;

import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.core.probe.ProbeLabel;
import dev.fisherman.core.probe.RoundKind;
import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.core.relay.HotLoops;
import dev.fisherman.core.relay.RelayClient;
import dev.fisherman.core.relay.RelayRequest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one round: a fresh JSON-RPC id, the request rendered once, the same bytes to every servicer
 * at once, and the round handed on as a {@link RoundResult} once every probe is decided.
 */
final class FanOut {
  private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

  /** JSON-RPC ids stay below 2^53 so clients that parse numbers as doubles keep them exact. */
  private static final long MAX_ID = 1L << 53;

  private final RelayClient client;
  private final RandomGenerator random;
  private final Ledger ledger;

  FanOut(RelayClient client, RandomGenerator random, Ledger ledger) {
    this.client = client;
    this.random = random;
    this.ledger = ledger;
  }

  /** The identity and targets of a round; {@code intendedNanos} is on the engine clock's scale. */
  record Target(
      String sessionId,
      String service,
      List<String> servicers,
      List<URI> urls,
      LongFunction<RelayRequest> renderer,
      int round,
      Instant intendedAt,
      long intendedNanos,
      RoundKind kind,
      OptionalLong askedHeight,
      List<URI> canaries) {

    /** A sampling round without canaries. */
    Target(
        String sessionId,
        String service,
        List<String> servicers,
        List<URI> urls,
        LongFunction<RelayRequest> renderer,
        int round,
        Instant intendedAt,
        long intendedNanos) {
      this(
          sessionId,
          service,
          servicers,
          urls,
          renderer,
          round,
          intendedAt,
          intendedNanos,
          RoundKind.SAMPLE,
          OptionalLong.empty(),
          List.of());
    }
  }

  /**
   * Opens connections to {@code urls} ahead of a round (see {@link RelayClient#prepare}), so that
   * no probe connects inside its round.
   */
  void prepare(List<URI> urls) {
    client.prepare(urls);
  }

  /** Keeps the client's event loops awake for the next {@code nanos} (see {@link HotLoops}). */
  void heat(long nanos) {
    client.heat(nanos);
  }

  /** A JSON-RPC id for a round's request, drawn from the private randomness. */
  long drawId() {
    synchronized (random) {
      return random.nextLong(1, MAX_ID);
    }
  }

  /** Sends the round; {@code done} runs once, with every observation, on the thread of the last. */
  void send(Target t, Consumer<RoundResult> done) {
    long id = drawId();
    // Rendered once: every servicer of the round gets these very bytes.
    RelayRequest request = t.renderer().apply(id);
    int n = t.servicers().size();
    // Canaries ride along in the same fan-out, after the servicers; they are not servicers'
    // probes, so the ledger does not count them.
    int all = n + t.canaries().size();
    List<ProbeLabel> labels = new ArrayList<>(all);
    List<URI> urls = new ArrayList<>(all);
    urls.addAll(t.urls());
    urls.addAll(t.canaries());
    for (String servicer : t.servicers()) {
      labels.add(
          new ProbeLabel(t.sessionId(), servicer, t.round(), t.intendedAt(), t.intendedNanos()));
    }
    for (URI canary : t.canaries()) {
      labels.add(
          new ProbeLabel(
              t.sessionId(), canary.toString(), t.round(), t.intendedAt(), t.intendedNanos()));
    }
    Collector round = new Collector(t, all, done);
    ledger.sent(n);
    List<CompletableFuture<Observation>> futures;
    try {
      futures = client.fanOut(urls, request, labels);
    } catch (RuntimeException e) {
      // The client refused the round outright; its probes still have to be accounted for.
      LOG.warn("round {} of session {} not sent", t.round(), t.sessionId(), e);
      for (int k = 0; k < all; k++) {
        round.add(k, notSent(labels.get(k), e));
      }
      return;
    }
    for (int k = 0; k < all; k++) {
      int index = k;
      futures.get(k).whenComplete((o, error) -> round.add(index, o));
    }
  }

  private static Observation notSent(ProbeLabel label, RuntimeException e) {
    return new Observation(
        label.sessionId(),
        label.servicer(),
        label.round(),
        label.intendedAt(),
        0,
        OptionalLong.empty(),
        OptionalLong.empty(),
        0,
        Outcome.CANCELLED,
        OptionalInt.empty(),
        OptionalLong.empty(),
        ProbeFacts.NONE,
        "not sent: " + e.getMessage());
  }

  /** Gathers a round's observations; the last one to arrive completes the round. */
  private static final class Collector {
    private final Target target;
    private final Observation[] observations;
    private final AtomicInteger pending;
    private final Consumer<RoundResult> done;

    Collector(Target target, int probes, Consumer<RoundResult> done) {
      this.target = target;
      this.observations = new Observation[probes];
      this.pending = new AtomicInteger(probes);
      this.done = done;
    }

    void add(int index, Observation o) {
      observations[index] = o;
      // The decrement publishes every slot written before it to whoever reaches zero.
      if (pending.decrementAndGet() == 0) {
        int n = target.servicers().size();
        List<Observation> all = Arrays.asList(observations);
        done.accept(
            new RoundResult(
                target.sessionId(),
                target.service(),
                target.round(),
                target.intendedAt(),
                target.kind(),
                target.askedHeight(),
                all.subList(0, n),
                all.subList(n, all.size()),
                Optional.empty(),
                Optional.empty(),
                RoundResult.Quorum.NONE,
                List.of()));
      }
    }
  }
}
