package dev.fisherman.bench.micro;

import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.genesis.ConnectionMode;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.genesis.QosParams;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Sessions and observations shaped like production ones (bech32-length addresses, https URLs,
 * JSON-RPC ok probes with a block height), for the benchmarks and the memory scenario.
 */
public final class Fixtures {
  private Fixtures() {}

  /** Genesis defaults with {@code probes} probes per session and no start delay. */
  public static QosParams qos(int probes) {
    QosParams d = QosParams.DEFAULTS;
    return new QosParams(
        probes,
        Distribution.STRATIFIED,
        Duration.ZERO,
        d.relayTimeout(),
        d.highLatency(),
        d.minAvailability(),
        d.minSamples(),
        ConnectionMode.REUSE,
        d.maxResponseBytes(),
        d.retentionSessions());
  }

  /**
   * A session of {@code servicers} distinct servicers, one hour long from {@code start}. Addresses
   * are the session's own; servicer number n has the same URL in every session.
   */
  public static SessionStarted session(String id, int servicers, Instant start) {
    return session(id, servicers, start, false);
  }

  /**
   * A session as {@link #session(String, int, Instant)}; with {@code newUrls} the URLs are the
   * session's own too, so that no servicer recurs across sessions.
   */
  public static SessionStarted session(String id, int servicers, Instant start, boolean newUrls) {
    List<SessionServicer> list = new ArrayList<>(servicers);
    String host = newUrls ? String.format("%08x", id.hashCode()) : "relays";
    for (int i = 0; i < servicers; i++) {
      String n = String.format("%05d", i);
      list.add(
          new SessionServicer(
              "pokt1" + id.hashCode() + "qz8fj3w0" + n + "x9mfk2ld7wvg5t0c",
              URI.create("https://servicer-" + n + "." + host + ".example.net:443/v1")));
    }
    return new SessionStarted(
        id,
        "eth",
        OptionalLong.of(100),
        OptionalLong.of(104),
        start,
        start.plus(Duration.ofHours(1)),
        list);
  }

  /** An ok observation of servicer {@code address} in round {@code round}. */
  public static Observation ok(
      String sessionId, String address, int round, Instant intended, SplittableRandom random) {
    long total = 20_000_000L + random.nextLong(400_000_000L);
    return new Observation(
        sessionId,
        address,
        round,
        intended,
        random.nextLong(200_000),
        OptionalLong.empty(),
        OptionalLong.of(total - 50_000),
        total,
        Outcome.OK,
        OptionalInt.of(200),
        OptionalLong.empty(),
        ProbeFacts.height(19_000_000L + round),
        "");
  }
}
