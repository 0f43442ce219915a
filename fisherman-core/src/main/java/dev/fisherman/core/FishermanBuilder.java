package dev.fisherman.core;

import dev.fisherman.core.export.SessionExport;
import dev.fisherman.core.relay.RelayClient;
import dev.fisherman.core.relay.RelayClientConfig;
import dev.fisherman.core.reputation.Reputation;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.genesis.Genesis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Builds a {@link Fisherman}. Each option is validated once, when it is set. */
public final class FishermanBuilder {
  private final Genesis genesis;
  private EventLoopGroup eventLoopGroup;
  private MeterRegistry meterRegistry;
  private FishermanClock clock = FishermanClock.system();
  private RandomGenerator random;
  private SslContext sslContext;
  private long storeMaxRecords = DEFAULT_STORE_MAX_RECORDS;
  private Resources resources;
  private long reputationMaxServicers = Reputation.DEFAULT_MAX_SERVICERS;
  private int servicerMetricsLimit = DEFAULT_SERVICER_METRICS_LIMIT;
  private RandomGenerator selectionRandom;
  private SessionExport export = SessionExport.NONE;

  /** Servicer records the store holds at most unless told otherwise (about 100 MiB of heap). */
  public static final long DEFAULT_STORE_MAX_RECORDS = 100_000;

  /**
   * Servicers with meters of their own at most, by default: about 7 series each (the outcomes seen
   * and the latency's count, sum and max), so a few thousand series.
   */
  public static final int DEFAULT_SERVICER_METRICS_LIMIT = 500;

  FishermanBuilder(Genesis genesis) {
    this.genesis = Objects.requireNonNull(genesis, "genesis");
  }

  /** The event loops probes run on. Required; the caller owns and shuts them down. */
  public FishermanBuilder eventLoopGroup(EventLoopGroup group) {
    this.eventLoopGroup = Objects.requireNonNull(group, "eventLoopGroup");
    return this;
  }

  /** Where probe, round and store meters go. Default: a private simple registry. */
  public FishermanBuilder meterRegistry(MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
    return this;
  }

  /** The wall clock, paired with the system ticker. Default: the system clock. */
  public FishermanBuilder clock(InstantSource clock) {
    this.clock = FishermanClock.of(Objects.requireNonNull(clock, "clock"));
    return this;
  }

  /**
   * The engine's time: the ticker rounds are scheduled and probes timed on, and the wall clock.
   * Default: {@link FishermanClock#system()}. Tests pass a clock they move by hand.
   */
  public FishermanBuilder clock(FishermanClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * The randomness probe instants and JSON-RPC ids are drawn from. Default: a {@link
   * java.security.SecureRandom}. Pass a seeded generator only in tests or when asked.
   */
  public FishermanBuilder random(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /**
   * The TLS client context for {@code https} servicers. Default: the JDK trust store with host name
   * verification.
   */
  public FishermanBuilder sslContext(SslContext context) {
    Objects.requireNonNull(context, "sslContext");
    if (!context.isClient()) {
      throw new IllegalArgumentException("sslContext: a server context (expected: a client one)");
    }
    this.sslContext = context;
    return this;
  }

  /**
   * Upper bound on (session, servicer) records the session store holds; older sessions are evicted
   * beyond it. Default: {@link #DEFAULT_STORE_MAX_RECORDS}.
   */
  public FishermanBuilder storeMaxRecords(long records) {
    if (records < 1) {
      throw new IllegalArgumentException("storeMaxRecords: " + records + " (expected: >= 1)");
    }
    this.storeMaxRecords = records;
    return this;
  }

  /**
   * The heap and file-descriptor limit the admission budgets genesis leaves out are derived from.
   * Default: {@link Resources#current()}.
   */
  public FishermanBuilder resources(Resources resources) {
    this.resources = Objects.requireNonNull(resources, "resources");
    return this;
  }

  /**
   * Upper bound on servicers the reputation remembers; the least recently used are forgotten beyond
   * it. Default: {@link Reputation#DEFAULT_MAX_SERVICERS}.
   */
  public FishermanBuilder reputationMaxServicers(long servicers) {
    if (servicers < 1) {
      throw new IllegalArgumentException(
          "reputationMaxServicers: " + servicers + " (expected: >= 1)");
    }
    this.reputationMaxServicers = servicers;
    return this;
  }

  /**
   * Most servicers with meters of their own ({@code fisherman_servicer_probes_total}, {@code
   * fisherman_servicer_probe_latency_seconds}) at a time; 0 publishes none. Default: {@link
   * #DEFAULT_SERVICER_METRICS_LIMIT}.
   */
  public FishermanBuilder servicerMetricsLimit(int servicers) {
    if (servicers < 0) {
      throw new IllegalArgumentException(
          "servicerMetricsLimit: " + servicers + " (expected: >= 0)");
    }
    this.servicerMetricsLimit = servicers;
    return this;
  }

  /**
   * The randomness selections are drawn from, apart from the engine's so a gateway's requests never
   * wait on it. Default: a {@link SplittableRandom} seeded from a {@link SecureRandom}.
   */
  public FishermanBuilder selectionRandom(RandomGenerator random) {
    this.selectionRandom = Objects.requireNonNull(random, "selectionRandom");
    return this;
  }

  /**
   * Where finished sessions are handed over, every round then the final report. Default: {@link
   * SessionExport#NONE}. The caller owns it and closes it after the engine.
   */
  public FishermanBuilder export(SessionExport export) {
    this.export = Objects.requireNonNull(export, "export");
    return this;
  }

  /** The engine, started: its round scheduler thread runs until {@link Fisherman#close()}. */
  public Fisherman build() {
    if (eventLoopGroup == null) {
      throw new IllegalStateException("eventLoopGroup: not set (expected: an event loop group)");
    }
    RelayClientConfig config = RelayClientConfig.from(genesis.qos(), genesis.params().limits());
    if (sslContext != null) {
      config = config.withSslContext(sslContext);
    }
    RelayClient client = RelayClient.create(eventLoopGroup, config, clock);
    return new DefaultFisherman(
        genesis,
        clock,
        random != null ? random : new SecureRandom(),
        selectionRandom != null
            ? selectionRandom
            : new SplittableRandom(new SecureRandom().nextLong()),
        client,
        meterRegistry != null ? meterRegistry : new SimpleMeterRegistry(),
        storeMaxRecords,
        reputationMaxServicers,
        servicerMetricsLimit,
        export,
        List.of(),
        resources != null ? resources : Resources.current());
  }
}
