package dev.fisherman.daemon.admin;

import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.reputation.Reputation;
import dev.fisherman.core.reputation.Selector;
import dev.fisherman.core.reputation.ServicerReputation;
import dev.fisherman.core.store.SessionStore;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.daemon.health.CheckResult;
import dev.fisherman.daemon.health.Component;
import dev.fisherman.daemon.metrics.DaemonMeters;
import dev.fisherman.daemon.source.SessionIntake;
import dev.fisherman.genesis.Genesis;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP/1.1 port: health, readiness, the read API over the session store, Prometheus
 * metrics and, with a webhook source, {@code POST /v1/sessions}. Runs on event loops the caller
 * owns; {@link #close()} closes the port and every open connection, not the loops.
 */
public final class AdminServer implements Component {
  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

  /** Longest a keep-alive connection may sit idle before it is closed, by default. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

  private final Channel serverChannel;
  private final ChannelGroup connections;
  private final ScheduledExecutorService refresher;
  private final InetSocketAddress address;

  private AdminServer(
      Channel serverChannel, ChannelGroup connections, ScheduledExecutorService refresher) {
    this.serverChannel = serverChannel;
    this.connections = connections;
    this.refresher = refresher;
    this.address = (InetSocketAddress) serverChannel.localAddress();
  }

  /** A builder; every option but the token, the session posts and the idle timeout is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The bound address (the real port when port 0 was asked for). */
  public InetSocketAddress address() {
    return address;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8081}. */
  public String url() {
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + address.getPort();
  }

  @Override
  public CheckResult check() {
    return serverChannel.isActive() ? CheckResult.OK : CheckResult.failed("not listening");
  }

  @Override
  public void close() {
    // Stop accepting first, then close the connections already open.
    serverChannel.close().awaitUninterruptibly(5_000);
    connections.close().awaitUninterruptibly(5_000);
    refresher.shutdownNow();
    try {
      refresher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The thread that makes the ranking views ahead of the requests, off the event loops. */
  private static ScheduledExecutorService newRefresher() {
    return Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("fisherman-admin-ranking").daemon().factory());
  }

  /** Builds and binds an {@link AdminServer}. */
  public static final class Builder {
    private InetSocketAddress address;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private SessionStore store;
    private Function<String, Optional<ServicerReputation>> reputation = address -> Optional.empty();
    private Function<String, Optional<ServicerReputation>> briefReputation =
        address -> Optional.empty();
    private Selector selector = Selector.NONE;
    private Function<String, Optional<Path>> exportFiles = id -> Optional.empty();
    private Function<String, Optional<List<Observation>>> journal = id -> Optional.empty();
    private Genesis genesis;
    private PrometheusMeterRegistry registry;
    private Supplier<Map<String, CheckResult>> readiness;
    private Optional<SessionIntake> sessionPosts = Optional.empty();
    private Optional<String> token = Optional.empty();
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private FishermanClock clock = FishermanClock.system();

    private Builder() {}

    /** The clock the ranking views age by and are dated with. Default: the system clock. */
    public Builder clock(FishermanClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where to listen. */
    public Builder address(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The accept loop and the connection loops; the caller shuts them down. */
    public Builder eventLoops(EventLoopGroup boss, EventLoopGroup workers) {
      this.boss = Objects.requireNonNull(boss, "boss");
      this.workers = Objects.requireNonNull(workers, "workers");
      return this;
    }

    /**
     * The reputation {@code /v1/servicers/{address}}, the ranking and the status page show.
     * Default: none remembered.
     */
    public Builder reputation(Reputation reputation) {
      Objects.requireNonNull(reputation, "reputation");
      this.reputation = reputation::of;
      this.briefReputation = reputation::brief;
      return this;
    }

    /** What {@code /v1/services/{service}/select} asks. Default: {@link Selector#NONE}. */
    public Builder selector(Selector selector) {
      this.selector = Objects.requireNonNull(selector, "selector");
      return this;
    }

    /**
     * Where {@code /v1/sessions/{id}/observations} finds a session's exported file. Default: none
     * (export off).
     */
    public Builder exportFiles(Function<String, Optional<Path>> files) {
      this.exportFiles = Objects.requireNonNull(files, "files");
      return this;
    }

    /**
     * Where {@code /v1/sessions/{id}/observations} finds the observations of a retained session
     * (running or ended) that has no export file. Default: none kept.
     */
    public Builder journal(Function<String, Optional<List<Observation>>> journal) {
      this.journal = Objects.requireNonNull(journal, "journal");
      return this;
    }

    /** The store the read API shows. */
    public Builder store(SessionStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The genesis in force (services, thresholds). */
    public Builder genesis(Genesis genesis) {
      this.genesis = Objects.requireNonNull(genesis, "genesis");
      return this;
    }

    /** The registry {@code /metrics} scrapes; the admin port's own meters go there too. */
    public Builder registry(PrometheusMeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** What {@code /readyz} checks, by name; ready when every check is ok. */
    public Builder readiness(Supplier<Map<String, CheckResult>> readiness) {
      this.readiness = Objects.requireNonNull(readiness, "readiness");
      return this;
    }

    /** Serves {@code POST /v1/sessions} into {@code intake} (the webhook source). */
    public Builder sessionPosts(SessionIntake intake) {
      this.sessionPosts = Optional.of(intake);
      return this;
    }

    /** Writes then need {@code Authorization: Bearer <token>}. */
    public Builder token(String token) {
      Objects.requireNonNull(token, "token");
      if (token.isBlank()) {
        throw new IllegalArgumentException("token: \"\" (expected: a non-empty token)");
      }
      this.token = Optional.of(token);
      return this;
    }

    /** How long a connection may stay idle. Default {@link #DEFAULT_IDLE_TIMEOUT}. */
    public Builder idleTimeout(Duration idleTimeout) {
      if (idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > 0)");
      }
      this.idleTimeout = idleTimeout;
      return this;
    }

    /**
     * Binds the port.
     *
     * @throws UncheckedIOException if the address cannot be bound (in use, not local, ...)
     */
    public AdminServer start() {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(boss, "eventLoops");
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(genesis, "genesis");
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(readiness, "readiness");

      DaemonMeters metrics = new DaemonMeters(registry);
      ScheduledExecutorService refresher = newRefresher();
      AdminRouter router = new AdminRouter(routes(refresher), token.map(BearerToken::new), metrics);
      ChannelGroup connections = new DefaultChannelGroup("admin", ImmediateEventExecutor.INSTANCE);
      ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 256)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(new AdminServerInitializer(router, metrics, idleTimeout, connections));
      var bind = bootstrap.bind(address).awaitUninterruptibly();
      if (!bind.isSuccess()) {
        Throwable cause = bind.cause();
        String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        String message = "admin: cannot listen on " + hostPort(address) + ": " + why;
        refresher.shutdownNow();
        throw new UncheckedIOException(message, new IOException(message, cause));
      }
      AdminServer server = new AdminServer(bind.channel(), connections, refresher);
      log.info("admin: listening on {}", server.url());
      return server;
    }

    private List<AdminRouter.Route> routes(ScheduledExecutorService refresher) {
      HealthEndpoint health = new HealthEndpoint(readiness);
      SessionsEndpoint sessions = new SessionsEndpoint(store, reputation, exportFiles, journal);
      SelectEndpoint select = new SelectEndpoint(selector, genesis);
      RankingEndpoint ranking =
          new RankingEndpoint(store, genesis, briefReputation, clock, refresher);
      MetricsEndpoint metrics = new MetricsEndpoint(registry);
      StatusEndpoint status =
          new StatusEndpoint(
              store,
              genesis,
              health::readiness,
              StatusEndpoint.secureNonces(),
              Clock.systemUTC(),
              reputation);
      Map<HttpMethod, Endpoint> page =
          Map.of(HttpMethod.GET, status::page, HttpMethod.HEAD, status::page);
      Map<HttpMethod, Endpoint> sessionsMethods =
          sessionPosts
              .<Map<HttpMethod, Endpoint>>map(
                  w -> {
                    WebhookEndpoint post = new WebhookEndpoint(w, store);
                    return Map.of(HttpMethod.GET, sessions::list, HttpMethod.POST, post::post);
                  })
              .orElseGet(() -> Map.of(HttpMethod.GET, sessions::list));
      return List.of(
          AdminRouter.Route.of("status", "/", page),
          AdminRouter.Route.of("status", "/status", page),
          AdminRouter.Route.of("healthz", "/healthz", Map.of(HttpMethod.GET, health::health)),
          AdminRouter.Route.of("readyz", "/readyz", Map.of(HttpMethod.GET, health::ready)),
          AdminRouter.Route.of("metrics", "/metrics", Map.of(HttpMethod.GET, metrics::scrape)),
          AdminRouter.Route.of("sessions", "/v1/sessions", sessionsMethods),
          AdminRouter.Route.of(
              "session", "/v1/sessions/*", Map.of(HttpMethod.GET, sessions::session)),
          AdminRouter.Route.of(
              "session_observations",
              "/v1/sessions/*/observations",
              Map.of(HttpMethod.GET, sessions::observations)),
          AdminRouter.Route.of(
              "session_servicer",
              "/v1/sessions/*/servicers/*",
              Map.of(HttpMethod.GET, sessions::servicerInSession)),
          AdminRouter.Route.of(
              "servicer", "/v1/servicers/*", Map.of(HttpMethod.GET, sessions::servicer)),
          AdminRouter.Route.of(
              "ranking", "/v1/services/*/ranking", Map.of(HttpMethod.GET, ranking::ranking)),
          AdminRouter.Route.of(
              "select", "/v1/services/*/select", Map.of(HttpMethod.GET, select::select)));
    }

    private static String hostPort(InetSocketAddress a) {
      String host = a.isUnresolved() ? a.getHostString() : a.getAddress().getHostAddress();
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
  }
}
