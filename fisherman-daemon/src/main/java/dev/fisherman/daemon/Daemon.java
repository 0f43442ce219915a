package dev.fisherman.daemon;

import dev.fisherman.core.Accounting;
import dev.fisherman.core.Admission;
import dev.fisherman.core.Admitted;
import dev.fisherman.core.Capacity;
import dev.fisherman.core.Fisherman;
import dev.fisherman.core.FishermanBuilder;
import dev.fisherman.core.export.ObservationJournal;
import dev.fisherman.core.export.SessionExport;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.relay.HotLoops;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.daemon.admin.AdminServer;
import dev.fisherman.daemon.export.DirectoryExport;
import dev.fisherman.daemon.health.CheckResult;
import dev.fisherman.daemon.health.Component;
import dev.fisherman.daemon.metrics.DaemonMeters;
import dev.fisherman.daemon.source.SessionEventParser;
import dev.fisherman.daemon.source.SessionIntake;
import dev.fisherman.daemon.source.SessionSink;
import dev.fisherman.daemon.source.SessionSource;
import dev.fisherman.daemon.source.SourceContext;
import dev.fisherman.daemon.source.SourceFactories;
import dev.fisherman.daemon.source.SourceFactory;
import dev.fisherman.daemon.source.SourceOptions;
import dev.fisherman.daemon.source.SourceSpec;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.input.Durations;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: genesis → sources → engine → store → admin port. It owns every event loop,
 * the sources' timer and the Prometheus registry, and closes them all.
 *
 * <p>Start order: registry and JVM meters, event loops, engine, admin port, sources. {@link
 * #close()} stops the sources, closes the engine (future rounds cancelled, probes in flight finish
 * within {@code relay_timeout}), then the admin port (which keeps answering during the drain, with
 * {@code /readyz} reporting it), then the loops, timer and registry; last it logs {@code shutdown:
 * planned=N recorded=M cancelled=K}.
 */
public final class Daemon implements Component {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  private static final Duration LOOP_SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  /**
   * Event loops serving the admin port's connections: one per core, two at least and four at most.
   * A connection stays on its loop, so with one loop an answer that takes long (a /metrics scrape,
   * a ranking made on the request, a scheduling delay of that one thread) would hold every
   * connection, selections in a gateway's request path among them; with two, requests due meanwhile
   * are answered on the other loop's connections.
   */
  static final int ADMIN_WORKERS =
      Math.min(4, Math.max(2, Runtime.getRuntime().availableProcessors()));

  /** Warm-up probes unless told otherwise (see {@link Builder#warmupProbes(int)}). */
  public static final int DEFAULT_WARMUP_PROBES = 200;

  /**
   * The most the warm-up may take; whatever it has not sent by then is skipped. A 400 ms cap was
   * tried: start to ready did not move beyond its noise, and the low-rate overhead above a
   * reference client rose from about 50 to 140-170 µs at p50 (see docs/benchmarks.md).
   */
  public static final Duration WARMUP_BUDGET = Duration.ofSeconds(2);

  /** Where the admin port listens unless told otherwise. */
  public static final InetSocketAddress DEFAULT_ADMIN =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 8081);

  private final Genesis genesis;
  private final PrometheusMeterRegistry registry;
  private final Fisherman engine;
  private final AdminServer admin;
  private final Deque<Runnable> closers;
  private final Readiness readiness;
  private final Object closeLock = new Object();
  private boolean closed;

  private Daemon(
      Genesis genesis,
      PrometheusMeterRegistry registry,
      Fisherman engine,
      AdminServer admin,
      Readiness readiness,
      Deque<Runnable> closers) {
    this.genesis = genesis;
    this.registry = registry;
    this.engine = engine;
    this.admin = admin;
    this.readiness = readiness;
    this.closers = closers;
  }

  /**
   * What {@code /readyz} checks; made before the admin port starts, so the port can ask it from its
   * first request on.
   */
  private static final class Readiness {
    private final Fisherman engine;
    private final List<SessionSource> sources;
    private final CompletableFuture<Void> warmup;
    private volatile boolean closing;

    Readiness(Fisherman engine, List<SessionSource> sources, CompletableFuture<Void> warmup) {
      this.engine = engine;
      this.sources = List.copyOf(sources);
      this.warmup = warmup;
    }

    Map<String, CheckResult> checks() {
      Map<String, CheckResult> checks = new LinkedHashMap<>();
      checks.put("daemon", closing ? CheckResult.failed("shutting down") : CheckResult.OK);
      checks.put("genesis", CheckResult.OK);
      checks.put("engine", engine.isRunning() ? CheckResult.OK : CheckResult.failed("stopped"));
      // Not ready while the probe path runs cold: the first probes would measure the fisherman.
      checks.put(
          "warmup",
          warmup.isDone() ? CheckResult.OK : CheckResult.failed("warming the probe path"));
      // Informative: a full budget refuses new sessions but the daemon is still ready.
      checks.put("admission", new CheckResult(true, admission(engine.capacity())));
      // Degraded, not failed: the daemon works, but its latest round said more about its own
      // health than about the servicers, so that round was kept out of their QoS.
      checks.put(
          "self_check",
          engine
              .excluding()
              .map(r -> new CheckResult(true, "degraded: rounds excluded (" + r.wireName() + ")"))
              .orElse(CheckResult.OK));
      for (SessionSource s : sources) {
        checks.put("source:" + s.name(), s.check());
      }
      return checks;
    }
  }

  private static String admission(Capacity c) {
    return String.format(
        Locale.ROOT,
        "active_sessions %d/%d, probe_rate %.0f/%d probes/s, connections %d/%d,"
            + " min_round_spacing %s",
        c.activeSessions(),
        c.maxActiveSessions(),
        Math.ceil(c.probeRate()),
        c.maxProbeRate(),
        c.connections(),
        c.maxConnections(),
        Durations.format(c.minRoundSpacing()));
  }

  /** A builder for a daemon running under {@code genesis}. */
  public static Builder builder(Genesis genesis) {
    return new Builder(genesis);
  }

  /** The admin port's base URL, e.g. {@code http://127.0.0.1:8081}. */
  public String adminUrl() {
    return admin.url();
  }

  /** The admin port's bound address. */
  public InetSocketAddress adminAddress() {
    return admin.address();
  }

  /** The engine, for in-process views such as the localnet table. */
  public Fisherman engine() {
    return engine;
  }

  /** The genesis in force. */
  public Genesis genesis() {
    return genesis;
  }

  /** The registry {@code /metrics} shows. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Every readiness check by name, as {@code /readyz} shows them. */
  public Map<String, CheckResult> checks() {
    return readiness.checks();
  }

  @Override
  public CheckResult check() {
    return checks().entrySet().stream()
        .filter(e -> !e.getValue().ok())
        .findFirst()
        .map(e -> CheckResult.failed(e.getKey() + ": " + e.getValue().detail()))
        .orElse(CheckResult.OK);
  }

  /** Stops everything in order and logs the probe accounting; idempotent. */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
      readiness.closing = true;
      log.info("shutdown: stopping sources, draining probes");
      runAll(closers);
    }
  }

  private static void runAll(Deque<Runnable> closers) {
    while (!closers.isEmpty()) {
      try {
        closers.pop().run();
      } catch (RuntimeException e) {
        log.warn("shutdown: a step failed", e);
      }
    }
  }

  /** Builds and starts a {@link Daemon}; each option is checked when it is set. */
  public static final class Builder {
    private final Genesis genesis;
    private InetSocketAddress adminAddress = DEFAULT_ADMIN;
    private Optional<String> adminToken = Optional.empty();
    private final Set<SourceSpec> sourceSpecs = new LinkedHashSet<>();
    private SourceFactories factories = SourceKinds.all();
    private final Map<String, List<String>> sourceOptions = new LinkedHashMap<>();
    private InstantSource clock = InstantSource.system();
    private Optional<RandomGenerator> random = Optional.empty();
    private Optional<EngineFactory> engineFactory = Optional.empty();
    private int servicerMetricsLimit = FishermanBuilder.DEFAULT_SERVICER_METRICS_LIMIT;
    private long observationsKept = ObservationJournal.DEFAULT_MAX_OBSERVATIONS;
    private Optional<Path> exportDir = Optional.empty();
    private long exportMaxBytes;
    private int exportMaxFiles;
    private InputStream stdin = System.in;
    private Duration ndjsonPollInterval = Duration.ofMillis(200);
    private int probeThreads = Runtime.getRuntime().availableProcessors();
    private int warmupProbes = DEFAULT_WARMUP_PROBES;

    private Builder(Genesis genesis) {
      this.genesis = Objects.requireNonNull(genesis, "genesis");
    }

    /** Where the admin port listens. Default {@link #DEFAULT_ADMIN}. */
    public Builder admin(InetSocketAddress address) {
      this.adminAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The token writes must carry; required when the admin address is not loopback. */
    public Builder adminToken(String token) {
      Objects.requireNonNull(token, "token");
      if (token.length() < 16) {
        throw new IllegalArgumentException(
            "admin token: " + token.length() + " characters (expected: at least 16)");
      }
      this.adminToken = Optional.of(token);
      return this;
    }

    /** Adds a session source; with none, the daemon runs {@code localnet}. */
    public Builder source(SourceSpec spec) {
      Objects.requireNonNull(spec, "spec");
      if (!sourceSpecs.add(spec)) {
        throw new IllegalArgumentException("source: " + spec + " (expected: each source once)");
      }
      return this;
    }

    /** Adds a source kind beside the {@link SourceFactories#defaults() defaults}. */
    public Builder sourceFactory(SourceFactory factory) {
      this.factories = factories.with(factory);
      return this;
    }

    /**
     * The values of a source option ({@link SourceFactory#options()}), e.g. {@code --node-rpc};
     * checked against the sources in use by {@link #validate()}.
     */
    public Builder sourceOption(String name, List<String> values) {
      Objects.requireNonNull(name, "name");
      sourceOptions.put(name, List.copyOf(values));
      return this;
    }

    /** The wall clock for sessions and the engine. Default: the system clock. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Seeded randomness, for tests only; default: the engine's secure randomness. */
    public Builder random(RandomGenerator random) {
      this.random = Optional.of(random);
      return this;
    }

    /**
     * Writes every finished session as {@code <session_id>.ndjson} into {@code dir}, keeping at
     * most {@code maxFiles} files and {@code maxBytes} bytes (oldest deleted first). Default: off.
     */
    public Builder export(Path dir, long maxBytes, int maxFiles) {
      Objects.requireNonNull(dir, "dir");
      if (maxBytes < 1) {
        throw new IllegalArgumentException("--export-max-bytes: " + maxBytes + " (expected: >= 1)");
      }
      if (maxFiles < 1) {
        throw new IllegalArgumentException("--export-max-files: " + maxFiles + " (expected: >= 1)");
      }
      this.exportDir = Optional.of(dir);
      this.exportMaxBytes = maxBytes;
      this.exportMaxFiles = maxFiles;
      return this;
    }

    /**
     * The engine to run. Default {@link EngineFactory#standard} with the {@link
     * #servicerMetricsLimit}.
     */
    public Builder engineFactory(EngineFactory factory) {
      this.engineFactory = Optional.of(Objects.requireNonNull(factory, "factory"));
      return this;
    }

    /**
     * Observations of the latest sessions kept in memory for {@code GET
     * /v1/sessions/{id}/observations} ({@code --observations-kept}); 0 keeps none. Default {@link
     * ObservationJournal#DEFAULT_MAX_OBSERVATIONS}.
     */
    public Builder observationsKept(long observations) {
      if (observations < 0) {
        throw new IllegalArgumentException(
            "--observations-kept: " + observations + " (expected: >= 0)");
      }
      this.observationsKept = observations;
      return this;
    }

    /**
     * Most servicers with meters of their own ({@code --servicer-metrics-limit}); 0 publishes none.
     * Default {@link FishermanBuilder#DEFAULT_SERVICER_METRICS_LIMIT}. Applies to the engine the
     * daemon builds, not to one from {@link #engineFactory}.
     */
    public Builder servicerMetricsLimit(int servicers) {
      if (servicers < 0) {
        throw new IllegalArgumentException(
            "--servicer-metrics-limit: " + servicers + " (expected: >= 0)");
      }
      this.servicerMetricsLimit = servicers;
      return this;
    }

    /** What {@code ndjson:-} reads. Default: standard input. */
    public Builder stdin(InputStream in) {
      this.stdin = Objects.requireNonNull(in, "in");
      return this;
    }

    /** How often a followed ndjson file is checked for growth. Default 200 ms. */
    public Builder ndjsonPollInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("ndjsonPollInterval: " + interval + " (expected: > 0)");
      }
      this.ndjsonPollInterval = interval;
      return this;
    }

    /**
     * Probes of an in-process loopback servicer run before the daemon is ready, so that the first
     * probes of real sessions do not run cold code; 0 turns the warm-up off. Default {@value
     * #DEFAULT_WARMUP_PROBES}, within {@link #WARMUP_BUDGET}.
     */
    public Builder warmupProbes(int probes) {
      if (probes < 0) {
        throw new IllegalArgumentException("warmupProbes: " + probes + " (expected: >= 0)");
      }
      this.warmupProbes = probes;
      return this;
    }

    /** Event loop threads for probes. Default: one per processor. */
    public Builder probeThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("probeThreads: " + threads + " (expected: >= 1)");
      }
      this.probeThreads = threads;
      return this;
    }

    /**
     * Checks what can be checked before anything starts: the admin address against the token, and
     * the sources against genesis and the file system.
     *
     * @throws IllegalArgumentException with a user-facing message when the configuration is
     *     unusable
     */
    public Builder validate() {
      if (adminToken.isEmpty() && !adminAddress.getAddress().isLoopbackAddress()) {
        throw new IllegalArgumentException(
            "admin: "
                + adminAddress.getHostString()
                + ":"
                + adminAddress.getPort()
                + " is not a loopback address (expected: a loopback address such as"
                + " 127.0.0.1:8081, or --admin-token-file so that writes need a token)");
      }
      factories.validate(specs(), genesis, new SourceOptions(sourceOptions));
      return this;
    }

    private List<SourceSpec> specs() {
      return sourceSpecs.isEmpty() ? List.of(SourceSpec.of("localnet")) : List.copyOf(sourceSpecs);
    }

    /**
     * Starts everything. On failure, whatever did start is closed again before the exception
     * leaves.
     *
     * @throws IllegalArgumentException when {@link #validate()} fails
     * @throws java.io.UncheckedIOException when the admin port cannot be bound or a source cannot
     *     open its input
     */
    public Daemon start() {
      validate();
      Deque<Runnable> closers = new ArrayDeque<>();
      try {
        return start(closers);
      } catch (RuntimeException | Error e) {
        runAll(closers);
        throw e;
      }
    }

    private Daemon start(Deque<Runnable> closers) {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      closers.push(registry::close);
      registry.config().meterFilter(DaemonMeters.descriptions());
      // Exposed as process_cpu_time_ns_total, a name Prometheus linting rejects (abbreviated
      // unit); process_cpu_usage carries the same signal.
      registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
      new JvmMemoryMetrics().bindTo(registry);
      JvmGcMetrics gc = new JvmGcMetrics();
      gc.bindTo(registry);
      closers.push(gc::close);
      new JvmThreadMetrics().bindTo(registry);
      new ClassLoaderMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
      new FileDescriptorMetrics().bindTo(registry);
      if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
        new NettyAllocatorMetrics(provider).bindTo(registry);
      }

      ScheduledExecutorService timer =
          Executors.newSingleThreadScheduledExecutor(
              new DefaultThreadFactory("fisherman-sources", true));
      closers.push(() -> shutdown(timer));
      // Heated ahead of each round (see HotLoops): the round's sends land on running loops.
      EventLoopGroup probes =
          HotLoops.create(probeThreads, new DefaultThreadFactory("fisherman-probe", true));
      closers.push(() -> shutdown(probes));
      // Runs beside the rest of the start; the sources start once it is over.
      CompletableFuture<Void> warmup =
          ProbeWarmup.start(genesis, probes, warmupProbes, WARMUP_BUDGET);
      EventLoopGroup adminBoss = group("fisherman-admin-accept", 1);
      closers.push(() -> shutdown(adminBoss));
      EventLoopGroup adminWorkers = group("fisherman-admin", ADMIN_WORKERS);
      closers.push(() -> shutdown(adminWorkers));
      // Tagged by group: both binders register the same names, which must not collide.
      new NettyEventExecutorMetrics(probes, Tags.of("group", "probe")).bindTo(registry);
      new NettyEventExecutorMetrics(adminWorkers, Tags.of("group", "admin")).bindTo(registry);

      Optional<DirectoryExport> export =
          exportDir.map(d -> new DirectoryExport(d, exportMaxBytes, exportMaxFiles));
      // Pushed before the engine's closer: the engine hands over its last sessions first.
      export.ifPresent(e -> closers.push(e::close));
      Optional<ObservationJournal> journal =
          observationsKept > 0
              ? Optional.of(new ObservationJournal(observationsKept))
              : Optional.empty();
      List<SessionExport> exports = new ArrayList<>();
      export.ifPresent(exports::add);
      journal.ifPresent(exports::add);
      Fisherman engine =
          engineFactory
              .orElseGet(() -> EngineFactory.standard(servicerMetricsLimit))
              .create(
                  genesis,
                  probes,
                  registry,
                  clock,
                  random,
                  exports.isEmpty() ? SessionExport.NONE : SessionExport.all(exports));
      // The admin port closes after the engine so reads keep working while probes drain.
      Runnable closeEngine =
          () -> {
            engine.close();
            Accounting a = engine.accounting();
            log.info(
                "shutdown: planned={} recorded={} cancelled={}",
                a.probesPlanned(),
                a.observationsRecorded(),
                a.probesCancelled());
          };

      Context context =
          new Context(
              genesis,
              clock,
              new SessionEventParser(genesis, clock),
              new DaemonMeters(registry),
              timer,
              probes,
              stdin,
              ndjsonPollInterval,
              new SourceOptions(sourceOptions));
      List<SessionSource> sources = new ArrayList<>();
      try {
        for (SourceSpec spec : specs()) {
          sources.add(factories.factory(spec).create(spec, context));
        }
      } catch (RuntimeException e) {
        engine.close();
        throw e;
      }
      Readiness readiness = new Readiness(engine, sources, warmup);

      AdminServer.Builder adminBuilder =
          AdminServer.builder()
              .address(adminAddress)
              .eventLoops(adminBoss, adminWorkers)
              .clock(FishermanClock.of(clock))
              .store(engine.store())
              .reputation(engine.reputation())
              .selector(engine::select)
              .exportFiles(
                  export
                      .<Function<String, Optional<Path>>>map(e -> e::file)
                      .orElse(id -> Optional.empty()))
              .journal(
                  journal
                      .<Function<String, Optional<List<Observation>>>>map(j -> j::observations)
                      .orElse(id -> Optional.empty()))
              .genesis(genesis)
              .registry(registry)
              .readiness(readiness::checks);
      adminToken.ifPresent(adminBuilder::token);
      context.sessionPosts.ifPresent(adminBuilder::sessionPosts);
      AdminServer admin;
      try {
        admin = adminBuilder.start();
      } catch (RuntimeException e) {
        engine.close();
        throw e;
      }
      closers.push(admin::close);
      closers.push(closeEngine);

      SessionSink sink =
          new SessionSink() {
            @Override
            public Admission submit(SessionStarted session) {
              return engine.submit(session);
            }

            @Override
            public Admitted admit(SessionStarted session) {
              return engine.admit(session);
            }

            @Override
            public boolean end(String sessionId) {
              return engine.end(sessionId);
            }
          };
      warmup.join();
      for (SessionSource source : sources) {
        source.start(sink);
        closers.push(source::close);
      }
      Daemon daemon = new Daemon(genesis, registry, engine, admin, readiness, closers);
      log.info(
          "fisherman: chain {} with {} service(s), sources {}, admin {}",
          genesis.chainId(),
          genesis.services().size(),
          sources.stream().map(SessionSource::name).toList(),
          admin.url());
      return daemon;
    }

    private static EventLoopGroup group(String name, int threads) {
      return new MultiThreadIoEventLoopGroup(
          threads, new DefaultThreadFactory(name, true), NioIoHandler.newFactory());
    }

    private static void shutdown(EventLoopGroup group) {
      group
          .shutdownGracefully(0, LOOP_SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .awaitUninterruptibly(LOOP_SHUTDOWN_TIMEOUT.toMillis() + 1_000);
    }

    private static void shutdown(ScheduledExecutorService timer) {
      timer.shutdownNow();
      try {
        timer.awaitTermination(LOOP_SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** What the sources share; the admin port learns from it who takes session posts. */
    private static final class Context implements SourceContext {
      private final Genesis genesis;
      private final InstantSource clock;
      private final SessionEventParser parser;
      private final DaemonMeters meters;
      private final ScheduledExecutorService timer;
      private final EventLoopGroup eventLoops;
      private final InputStream stdin;
      private final Duration pollInterval;
      private final SourceOptions options;
      private Optional<SessionIntake> sessionPosts = Optional.empty();

      Context(
          Genesis genesis,
          InstantSource clock,
          SessionEventParser parser,
          DaemonMeters meters,
          ScheduledExecutorService timer,
          EventLoopGroup eventLoops,
          InputStream stdin,
          Duration pollInterval,
          SourceOptions options) {
        this.genesis = genesis;
        this.clock = clock;
        this.parser = parser;
        this.meters = meters;
        this.timer = timer;
        this.eventLoops = eventLoops;
        this.stdin = stdin;
        this.pollInterval = pollInterval;
        this.options = options;
      }

      @Override
      public Genesis genesis() {
        return genesis;
      }

      @Override
      public InstantSource clock() {
        return clock;
      }

      @Override
      public SessionEventParser parser() {
        return parser;
      }

      @Override
      public DaemonMeters meters() {
        return meters;
      }

      @Override
      public ScheduledExecutorService timer() {
        return timer;
      }

      @Override
      public EventLoopGroup eventLoops() {
        return eventLoops;
      }

      @Override
      public InputStream stdin() {
        return stdin;
      }

      @Override
      public Duration pollInterval() {
        return pollInterval;
      }

      @Override
      public SourceOptions options() {
        return options;
      }

      @Override
      public void takeSessionPosts(SessionIntake intake) {
        Objects.requireNonNull(intake, "intake");
        if (sessionPosts.isPresent()) {
          throw new IllegalStateException("POST /v1/sessions: taken by another source already");
        }
        sessionPosts = Optional.of(intake);
      }
    }
  }
}
