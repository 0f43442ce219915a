package dev.fisherman.daemon.source.cometbft;

import dev.fisherman.core.Admission;
import dev.fisherman.core.envelope.RelayEnvelope;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.daemon.health.CheckResult;
import dev.fisherman.daemon.metrics.DaemonMeters;
import dev.fisherman.daemon.metrics.DaemonMeters.NodeQuery;
import dev.fisherman.daemon.metrics.DaemonMeters.NodeReconnect;
import dev.fisherman.daemon.metrics.DaemonMeters.SourceResult;
import dev.fisherman.daemon.shannon.RelayProtocol;
import dev.fisherman.daemon.source.SessionSink;
import dev.fisherman.daemon.source.SessionSource;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.RpcType;
import dev.fisherman.genesis.Service;
import dev.fisherman.genesis.input.Durations;
import dev.fisherman.genesis.input.ServicerUrl;
import dev.fisherman.shannon.crypto.GatewayKey;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions from a CometBFT/poktroll full node, the way poktroll's own relay miner learns of them:
 * it subscribes to new block headers on the node's websocket and, for each configured application
 * and each genesis service, asks the session module for the session in progress at start-up and
 * again whenever a header's height passes the end of the session it knows. Servicers are the
 * suppliers' endpoints of the service's {@code rpc_type}, addressed by {@code operator_address}.
 * With a gateway key, relays are Shannon relays signed as that gateway: each session's application
 * must have delegated to it (checked over the node's REST API when the session starts).
 *
 * <p>The session's heights are the chain's own ({@code session_start_block_height}, {@code
 * session_end_block_height}); its window runs from now until the node is expected to commit block
 * {@code end + 1}, estimated from the block times the source observes. Because a boundary is
 * detected by comparing heights with the known end (not by waiting for one exact height), missed
 * events and reconnects do not lose a session.
 *
 * <p>Resilience: the websocket reconnects with capped exponential backoff and jitter; a cancelled
 * subscription is renewed on the same connection; a node that sends no header for several block
 * times is reconnected to; session queries are retried on 5xx and I/O errors with backoff, one
 * query in flight per application and service; a node whose last header is older than {@code
 * max_block_age} is reported as behind and not trusted with sessions.
 *
 * <p>Everything runs on one loop of the event loop group it is handed, which it never shuts down.
 */
public final class CometBftSource implements SessionSource {
  /** The name this source reports. */
  public static final String NAME = "cometbft";

  /** The subscription query for new block headers. */
  static final String QUERY = "tm.event='NewBlockHeader'";

  private static final Logger log = LoggerFactory.getLogger(CometBftSource.class);

  private final Settings settings;
  private final EventLoop loop;
  private final InstantSource clock;
  private final DaemonMeters metrics;
  private final Backoff reconnectBackoff;
  private final Backoff queryBackoff;
  private final SessionQueries queries;
  private final Optional<SslContext> wsSsl;
  private final BlockTimes blockTimes;
  private final Map<String, RpcType> rpcTypeByService;
  // Null when relays go direct.
  private final GatewaySessions gateway;
  private final List<Track> tracks = new ArrayList<>();

  // Loop-confined state.
  private SessionSink sink;
  private HeaderSocket socket;
  private long subscriptionId;
  private boolean subscribed;
  private int reconnectAttempt;
  private long lastHeight = -1;
  private ScheduledFuture<?> stallTimer;
  private ScheduledFuture<?> reconnectTimer;
  private boolean closed;

  private volatile CheckResult state = CheckResult.failed("not started");

  /** One application and service: the session the source knows, and whether a query is out. */
  private static final class Track {
    final String application;
    final String service;
    long knownEnd = -1;
    boolean inFlight;
    final Set<String> submitted = new LinkedHashSet<>();

    /** Sessions handed to the engine and not yet passed, by id: their end heights. */
    final Map<String, Long> open = new LinkedHashMap<>();

    Track(String application, String service) {
      this.application = application;
      this.service = service;
    }

    String key() {
      return application + "/" + service;
    }
  }

  private CometBftSource(Settings s) {
    this.settings = s;
    this.loop = s.group.next();
    this.clock = s.clock;
    this.metrics = s.meters;
    this.reconnectBackoff = new Backoff(s.reconnectBase, s.reconnectMax, s.random);
    this.queryBackoff = new Backoff(s.queryRetryBase, s.queryRetryMax, s.random);
    this.wsSsl = ssl(s.rpc);
    this.queries = new SessionQueries(loop, s.api, ssl(s.api), s.maxBodyBytes, s.queryTimeout);
    this.blockTimes = new BlockTimes(s.genesis.params().session().blockTime());
    this.rpcTypeByService = new LinkedHashMap<>();
    for (Service svc : s.genesis.services()) {
      rpcTypeByService.put(svc.id(), svc.rpcType());
      for (String app : s.applications) {
        tracks.add(new Track(app, svc.id()));
      }
    }
    metrics.nodeBlockTime(blockTimes.estimate());
    this.gateway =
        s.protocol == RelayProtocol.SHANNON
            ? new GatewaySessions(
                loop,
                queries,
                s.gateway.orElseThrow(),
                s.signingRandom,
                queryBackoff,
                s.queryAttempts)
            : null;
  }

  /** How this source's sessions are probed. */
  public RelayProtocol relayProtocol() {
    return settings.protocol;
  }

  private static Optional<SslContext> ssl(URI uri) {
    String scheme = uri.getScheme();
    if (!"https".equals(scheme) && !"wss".equals(scheme)) {
      return Optional.empty();
    }
    try {
      return Optional.of(SslContextBuilder.forClient().build());
    } catch (SSLException e) {
      throw new IllegalStateException("TLS client context: " + e.getMessage(), e);
    }
  }

  /** A builder for a source reading {@code genesis}'s services from a node. */
  public static Builder builder(Genesis genesis) {
    return new Builder(genesis);
  }

  /**
   * The websocket URL for an RPC base URL: {@code http} → {@code ws}, {@code https} → {@code wss}.
   */
  public static URI websocketUri(URI rpc) {
    String scheme =
        switch (rpc.getScheme() == null ? "" : rpc.getScheme()) {
          case "http", "ws" -> "ws";
          case "https", "wss" -> "wss";
          default ->
              throw new IllegalArgumentException(
                  "node-rpc: \"" + rpc + "\" (expected: an http or https URL)");
        };
    if (rpc.getHost() == null) {
      throw new IllegalArgumentException("node-rpc: \"" + rpc + "\" (expected: a URL with a host)");
    }
    String path = rpc.getPath() == null ? "" : rpc.getPath().replaceAll("/+$", "");
    if (path.endsWith("/websocket")) {
      path = path.substring(0, path.length() - "/websocket".length());
    }
    int port = rpc.getPort();
    return URI.create(
        scheme + "://" + rpc.getHost() + (port == -1 ? "" : ":" + port) + path + "/websocket");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start(SessionSink sink) {
    Objects.requireNonNull(sink, "sink");
    runOnLoop(
        () -> {
          if (this.sink != null || closed) {
            throw new IllegalStateException("cometbft source: already started or closed");
          }
          this.sink = sink;
          state = CheckResult.failed("connecting");
          log.info(
              "cometbft: node {} (sessions from {}), applications {}, services {}",
              settings.websocket,
              settings.api,
              settings.applications,
              rpcTypeByService.keySet());
          if (gateway != null) {
            log.info("cometbft: Shannon relays signed as gateway {}", gateway.gatewayAddress());
            // Queued before anything the websocket brings, so done before the first session.
            loop.execute(
                () -> {
                  try {
                    gateway.warmUp();
                  } catch (RuntimeException e) {
                    log.warn("cometbft: signing warm-up failed: {}", e.toString());
                  }
                });
          }
          connect();
        });
  }

  private void runOnLoop(Runnable r) {
    if (loop.inEventLoop()) {
      r.run();
    } else {
      // start() must throw to its caller when used twice, so wait for the loop's verdict.
      var f = loop.submit(r);
      f.syncUninterruptibly();
    }
  }

  // ---- websocket --------------------------------------------------------------------------

  private void connect() {
    if (closed) {
      return;
    }
    subscribed = false;
    socket =
        HeaderSocket.open(
            loop,
            settings.websocket,
            wsSsl,
            settings.maxFrameBytes,
            settings.pingInterval,
            settings.readTimeout,
            settings.connectTimeout,
            new HeaderSocket.Listener() {
              @Override
              public void opened(HeaderSocket s) {
                onOpened(s);
              }

              @Override
              public void text(HeaderSocket s, String text) {
                onText(s, text);
              }

              @Override
              public void closed(HeaderSocket s, String why) {
                onClosed(s, why);
              }
            });
  }

  private void onOpened(HeaderSocket s) {
    if (s != socket) {
      return;
    }
    subscribe();
  }

  private void subscribe() {
    subscriptionId++;
    subscribed = false;
    socket.send(
        "{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"id\":"
            + subscriptionId
            + ",\"params\":{\"query\":\""
            + QUERY
            + "\"}}");
    armStallTimer();
  }

  private void onClosed(HeaderSocket s, String why) {
    if (s != socket || closed) {
      return;
    }
    socket = null;
    cancel(stallTimer);
    reconnectAttempt++;
    Duration wait = reconnectBackoff.delay(reconnectAttempt);
    metrics.nodeReconnect(
        why.startsWith("no block") ? NodeReconnect.STALLED : NodeReconnect.CLOSED);
    state = CheckResult.failed("reconnecting (" + why + ")");
    log.warn(
        "cometbft: websocket lost ({}); reconnecting in {} (attempt {})",
        why,
        Durations.format(wait),
        reconnectAttempt);
    reconnectTimer = loop.schedule(this::connect, wait.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void onText(HeaderSocket s, String text) {
    if (s != socket || closed) {
      return;
    }
    NodeReplies.RpcMessage m;
    try {
      m = NodeReplies.rpc(text);
    } catch (NodeReplyException e) {
      log.warn("cometbft: unusable websocket message: {}", e.getMessage());
      return;
    }
    if (m.id() != subscriptionId) {
      return; // an answer to an earlier subscription
    }
    switch (m) {
      case NodeReplies.Ack a -> {
        subscribed = true;
        reconnectAttempt = 0;
        state = CheckResult.OK;
        log.info("cometbft: subscribed to new block headers at {}", settings.websocket);
        if (lastHeight < 0) {
          // At start-up, the session in progress (height 0 = the node's current height), without
          // waiting a block time for the first header.
          for (Track t : tracks) {
            if (!t.inFlight && t.knownEnd < 0) {
              query(t, 0, 1);
            }
          }
        }
      }
      case NodeReplies.Header h -> onHeader(h);
      case NodeReplies.RpcError e -> {
        if (e.canceled()) {
          metrics.nodeReconnect(NodeReconnect.CANCELED);
          state = CheckResult.failed("reconnecting (subscription canceled)");
          log.warn("cometbft: subscription canceled by the node ({}); subscribing again", e.data());
          subscribe();
        } else {
          metrics.nodeReconnect(NodeReconnect.FAILED);
          socket.close("subscribe failed: " + e.code() + " " + e.message() + " " + e.data());
        }
      }
    }
  }

  private void armStallTimer() {
    cancel(stallTimer);
    Duration estimate = blockTimes.estimate();
    Duration after = estimate.multipliedBy(settings.stallBlocks);
    if (after.compareTo(settings.stallFloor) < 0) {
      after = settings.stallFloor;
    }
    Duration limit = after;
    HeaderSocket current = socket;
    stallTimer =
        loop.schedule(
            () -> {
              if (current == socket && current != null) {
                current.close("no block for " + Durations.format(limit));
              }
            },
            limit.toNanos(),
            TimeUnit.NANOSECONDS);
  }

  // ---- heights and sessions ----------------------------------------------------------------

  private void onHeader(NodeReplies.Header h) {
    if (!subscribed) {
      subscribed = true;
      state = CheckResult.OK;
    }
    armStallTimer();
    if (!h.chainId().isEmpty()
        && settings.chainId.isPresent()
        && !settings.chainId.get().equals(h.chainId())) {
      state = CheckResult.failed("wrong chain (" + h.chainId() + ")");
      log.error(
          "cometbft: node is on chain {} (expected: {}); ignoring its blocks",
          h.chainId(),
          settings.chainId.get());
      return;
    }
    if (h.height() <= lastHeight) {
      return;
    }
    metrics.nodeHeight(h.height());
    if (lastHeight >= 0 && h.height() > lastHeight + 1) {
      metrics.nodeGap();
      log.warn(
          "cometbft: heights {}..{} not seen (missed events or a reconnect)",
          lastHeight + 1,
          h.height() - 1);
    }
    lastHeight = h.height();
    endPassedSessions(h.height());
    blockTimes.observe(h.height(), h.time());
    metrics.nodeBlockTime(blockTimes.estimate());
    Duration age = Duration.between(h.time(), clock.instant());
    if (age.compareTo(settings.maxBlockAge) > 0) {
      state =
          CheckResult.failed(
              "behind (block " + h.height() + " is " + Durations.format(age) + " old)");
      return;
    }
    if (!state.ok()) {
      state = CheckResult.OK;
    }
    for (Track t : tracks) {
      if (!t.inFlight && h.height() > t.knownEnd) {
        query(t, h.height(), 1);
      }
    }
  }

  /** A session ends when the chain passes its end height, whatever its estimated window said. */
  private void endPassedSessions(long height) {
    for (Track t : tracks) {
      var it = t.open.entrySet().iterator();
      while (it.hasNext()) {
        var e = it.next();
        if (height > e.getValue()) {
          it.remove();
          if (sink.end(e.getKey())) {
            log.debug("cometbft: session {} ended at height {}", e.getKey(), height);
          }
        }
      }
    }
  }

  private void query(Track t, long height, int attempt) {
    if (closed) {
      return;
    }
    t.inFlight = true;
    queries
        .get(t.application, t.service, height)
        .addListener(
            f -> {
              if (closed) {
                return;
              }
              if (!f.isSuccess()) {
                retryOrGiveUp(t, height, attempt, f.cause().getMessage());
                return;
              }
              SessionQueries.Reply r = (SessionQueries.Reply) f.getNow();
              if (r.status() >= 500) {
                retryOrGiveUp(
                    t,
                    height,
                    attempt,
                    "HTTP "
                        + r.status()
                        + NodeReplies.errorMessage(r.body()).map(m -> ": " + m).orElse(""));
                return;
              }
              if (r.status() != 200) {
                metrics.nodeQuery(NodeQuery.FAILED);
                t.inFlight = false;
                log.warn(
                    "cometbft: session query for {} at {} refused: HTTP {}{}",
                    t.key(),
                    height,
                    r.status(),
                    NodeReplies.errorMessage(r.body()).map(m -> ": " + m).orElse(""));
                return;
              }
              NodeReplies.ChainSession s;
              try {
                s = NodeReplies.session(r.body());
              } catch (NodeReplyException e) {
                metrics.nodeQuery(NodeQuery.INVALID);
                t.inFlight = false;
                log.warn(
                    "cometbft: session query for {} at {}: {}", t.key(), height, e.getMessage());
                return;
              }
              metrics.nodeQuery(NodeQuery.OK);
              t.inFlight = false;
              onSession(t, s);
            });
  }

  private void retryOrGiveUp(Track t, long height, int attempt, String why) {
    if (attempt >= settings.queryAttempts) {
      metrics.nodeQuery(NodeQuery.FAILED);
      t.inFlight = false;
      log.warn(
          "cometbft: session query for {} at {} failed after {} attempts: {}; asking again at the"
              + " next block",
          t.key(),
          height,
          attempt,
          why);
      return;
    }
    metrics.nodeQuery(NodeQuery.RETRIED);
    Duration wait = queryBackoff.delay(attempt);
    log.debug("cometbft: session query for {} at {}: {}; retry in {}", t.key(), height, why, wait);
    loop.schedule(() -> query(t, height, attempt + 1), wait.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void onSession(Track t, NodeReplies.ChainSession s) {
    if (!s.application().equals(t.application) || !s.service().equals(t.service)) {
      metrics.nodeQuery(NodeQuery.INVALID);
      log.warn(
          "cometbft: session query for {} answered {}/{}; ignored",
          t.key(),
          s.application(),
          s.service());
      return;
    }
    t.knownEnd = Math.max(t.knownEnd, s.endHeight());
    if (s.endHeight() < lastHeight) {
      // The answer is for a session that is already over (the node moved on meanwhile): nothing
      // of its window is left to probe; ask for the one in progress.
      if (!t.submitted.contains(s.sessionId())) {
        log.info(
            "cometbft: session {} ({} blocks {}..{}) was over at height {} when the node"
                + " answered; not probed",
            s.sessionId(),
            t.key(),
            s.startHeight(),
            s.endHeight(),
            lastHeight);
      }
      query(t, lastHeight, 1);
      return;
    }
    if (!t.submitted.add(s.sessionId())) {
      return;
    }
    if (t.submitted.size() > 16) {
      t.submitted.remove(t.submitted.iterator().next());
    }
    List<SessionServicer> servicers = servicers(t, s);
    if (servicers.isEmpty()) {
      metrics.sourceEvent(NAME, SourceResult.INVALID);
      log.warn(
          "cometbft: session {} ({}) has no {} endpoint to probe",
          s.sessionId(),
          t.key(),
          rpcTypeByService.get(t.service));
      return;
    }
    if (gateway == null) {
      submit(t, s, servicers, RelayEnvelope.DIRECT);
      return;
    }
    gateway
        .prepare(s, servicers, rpcTypeByService.get(t.service))
        .addListener(
            f -> {
              if (closed) {
                return;
              }
              switch ((GatewaySessions.Result) f.getNow()) {
                case GatewaySessions.Ready r -> submit(t, s, r.servicers(), r.envelope());
                case GatewaySessions.Refused r -> {
                  metrics.sourceEvent(
                      NAME, r.undelegated() ? SourceResult.UNDELEGATED : SourceResult.REFUSED);
                  log.warn("cometbft: session {} not probed: {}", s.sessionId(), r.reason());
                }
              }
            });
  }

  private void submit(
      Track t,
      NodeReplies.ChainSession s,
      List<SessionServicer> servicers,
      RelayEnvelope envelope) {
    Instant now = clock.instant();
    Duration estimate = blockTimes.estimate();
    // Before the first header the node's height is unknown: the session's own start stands in,
    // and the end-height hook ends the session on time if the estimate runs long.
    long blocksLeft = Math.max(1, s.endHeight() + 1 - Math.max(lastHeight, s.startHeight()));
    Instant end = now.plus(estimate.multipliedBy(blocksLeft));
    SessionStarted started =
        new SessionStarted(
            s.sessionId(),
            t.service,
            OptionalLong.of(s.startHeight()),
            OptionalLong.of(s.endHeight()),
            now,
            end,
            servicers,
            envelope);
    try {
      Admission a = sink.submit(started);
      if (a == Admission.ACCEPTED) {
        t.open.put(s.sessionId(), s.endHeight());
      }
      metrics.sourceEvent(
          NAME, a == Admission.ACCEPTED ? SourceResult.ACCEPTED : SourceResult.DUPLICATE);
      log.info(
          "cometbft: session {} ({} blocks {}..{}, {} servicers, about {} left)",
          s.sessionId(),
          t.key(),
          s.startHeight(),
          s.endHeight(),
          servicers.size(),
          Durations.format(Duration.between(now, end)));
    } catch (RuntimeException e) {
      metrics.sourceEvent(NAME, SourceResult.REFUSED);
      log.warn("cometbft: session {} refused: {}", s.sessionId(), e.getMessage());
    }
  }

  private List<SessionServicer> servicers(Track t, NodeReplies.ChainSession s) {
    String wanted = rpcTypeByService.get(t.service).chainName();
    List<SessionServicer> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (NodeReplies.Supplier sup : s.suppliers()) {
      for (NodeReplies.Endpoint ep : sup.endpoints()) {
        if (!ep.rpcType().equals(wanted)) {
          continue;
        }
        URI url;
        switch (NodeReplies.probeUrl(ep.url())) {
          case ServicerUrl.Valid v -> url = v.uri();
          case ServicerUrl.Invalid i -> {
            log.warn(
                "cometbft: supplier {} endpoint \"{}\" skipped (expected: {})",
                sup.operatorAddress(),
                NodeReplies.quote(ep.url(), 120),
                i.violation().expected());
            continue;
          }
        }
        if (seen.add(sup.operatorAddress())) {
          out.add(new SessionServicer(sup.operatorAddress(), url));
        }
        break;
      }
    }
    return out;
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  /** The last height seen, for tests. */
  long lastHeight() {
    return loop.submit(() -> lastHeight).syncUninterruptibly().getNow();
  }

  /** {@code ok}, {@code connecting}, {@code reconnecting (why)} or {@code behind (...)}. */
  @Override
  public CheckResult check() {
    return state;
  }

  @Override
  public void close() {
    Runnable stop =
        () -> {
          closed = true;
          state = CheckResult.failed("closed");
          cancel(stallTimer);
          cancel(reconnectTimer);
          if (socket != null) {
            socket.close("source closed");
          }
        };
    if (loop.isShuttingDown()) {
      return;
    }
    if (loop.inEventLoop()) {
      stop.run();
    } else {
      loop.submit(stop).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  /** What the source needs, checked once. */
  private record Settings(
      Genesis genesis,
      URI rpc,
      URI websocket,
      URI api,
      List<String> applications,
      Optional<GatewayKey> gateway,
      RelayProtocol protocol,
      RandomGenerator signingRandom,
      EventLoopGroup group,
      DaemonMeters meters,
      InstantSource clock,
      RandomGenerator random,
      Optional<String> chainId,
      Duration reconnectBase,
      Duration reconnectMax,
      Duration queryRetryBase,
      Duration queryRetryMax,
      int queryAttempts,
      Duration queryTimeout,
      Duration connectTimeout,
      Duration pingInterval,
      Duration readTimeout,
      int stallBlocks,
      Duration stallFloor,
      Duration maxBlockAge,
      int maxFrameBytes,
      int maxBodyBytes) {}

  /** Options of a {@link CometBftSource}; each is checked when set. */
  public static final class Builder {
    /** The node's RPC port when {@code --node-rpc} is not given. */
    public static final URI DEFAULT_RPC = URI.create("http://127.0.0.1:26657");

    /** The node's REST API when {@code --node-api} is not given. */
    public static final URI DEFAULT_API = URI.create("http://127.0.0.1:1317");

    private final Genesis genesis;
    private URI rpc = DEFAULT_RPC;
    private URI api = DEFAULT_API;
    private final List<String> applications = new ArrayList<>();
    private Optional<GatewayKey> gateway = Optional.empty();
    private Optional<RelayProtocol> protocol = Optional.empty();
    private RandomGenerator signingRandom;
    private EventLoopGroup group;
    private DaemonMeters meters;
    private InstantSource clock = InstantSource.system();
    private RandomGenerator random = new SplittableRandom();
    private Optional<String> chainId = Optional.empty();
    private Duration reconnectBase = Duration.ofMillis(500);
    private Duration reconnectMax = Duration.ofSeconds(30);
    private Duration queryRetryBase = Duration.ofMillis(250);
    private Duration queryRetryMax = Duration.ofSeconds(5);
    private int queryAttempts = 5;
    private Duration queryTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration pingInterval = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private int stallBlocks = 5;
    private Duration stallFloor = Duration.ofSeconds(30);
    private Duration maxBlockAge = Duration.ofMinutes(5);
    private int maxFrameBytes = 1024 * 1024;
    private int maxBodyBytes = 4 * 1024 * 1024;

    private Builder(Genesis genesis) {
      this.genesis = Objects.requireNonNull(genesis, "genesis");
    }

    /** The node's RPC base URL; the websocket is {@code /websocket} under it. */
    public Builder rpc(URI url) {
      websocketUri(Objects.requireNonNull(url, "url"));
      this.rpc = url;
      return this;
    }

    /** The node's REST API base URL. */
    public Builder api(URI url) {
      Objects.requireNonNull(url, "url");
      if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
          || url.getHost() == null) {
        throw new IllegalArgumentException(
            "node-api: \"" + url + "\" (expected: an http or https URL with a host)");
      }
      this.api = url;
      return this;
    }

    /** An application whose sessions are probed; at least one. */
    public Builder application(String address) {
      Objects.requireNonNull(address, "address");
      if (address.isBlank() || !address.matches("[a-z0-9]{1,128}")) {
        throw new IllegalArgumentException(
            "application: \""
                + NodeReplies.quote(address, 64)
                + "\" (expected: a bech32 address such as pokt1...)");
      }
      if (!applications.contains(address)) {
        applications.add(address);
      }
      return this;
    }

    /**
     * The gateway key Shannon relays are signed with; with it, relays are Shannon unless {@link
     * #relayProtocol} says otherwise.
     */
    public Builder gateway(GatewayKey key) {
      this.gateway = Optional.of(Objects.requireNonNull(key, "key"));
      return this;
    }

    /** How relays travel; default {@code shannon} with a gateway key, else {@code direct}. */
    public Builder relayProtocol(RelayProtocol protocol) {
      this.protocol = Optional.of(Objects.requireNonNull(protocol, "protocol"));
      return this;
    }

    /** The randomness of the ring signatures' nonces. Default: a {@link SecureRandom}. */
    public Builder signingRandom(RandomGenerator random) {
      this.signingRandom = Objects.requireNonNull(random, "random");
      return this;
    }

    private RelayProtocol protocol() {
      return protocol.orElse(gateway.isPresent() ? RelayProtocol.SHANNON : RelayProtocol.DIRECT);
    }

    /** The loops the source runs on; the caller owns and shuts them down. */
    public Builder eventLoops(EventLoopGroup group) {
      this.group = Objects.requireNonNull(group, "group");
      return this;
    }

    /** The daemon's meters, which count heights, gaps, reconnects, queries and sessions. */
    public Builder meters(DaemonMeters meters) {
      this.meters = Objects.requireNonNull(meters, "meters");
      return this;
    }

    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Randomness for backoff jitter. */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Refuse blocks of another chain. Default: any chain. */
    public Builder chainId(String id) {
      this.chainId = Optional.of(Objects.requireNonNull(id, "id"));
      return this;
    }

    /** Websocket reconnect backoff. Default 500 ms doubling up to 30 s. */
    public Builder reconnectBackoff(Duration base, Duration max) {
      new Backoff(base, max, random);
      this.reconnectBase = base;
      this.reconnectMax = max;
      return this;
    }

    /** Session query retries on 5xx and I/O errors. Default 5 attempts, 250 ms doubling to 5 s. */
    public Builder queryRetries(int attempts, Duration base, Duration max) {
      if (attempts < 1) {
        throw new IllegalArgumentException("query attempts: " + attempts + " (expected: >= 1)");
      }
      new Backoff(base, max, random);
      this.queryAttempts = attempts;
      this.queryRetryBase = base;
      this.queryRetryMax = max;
      return this;
    }

    /** Longest wait for a session query's answer. Default 10 s. */
    public Builder queryTimeout(Duration timeout) {
      this.queryTimeout = positive("query timeout", timeout);
      return this;
    }

    /** How often to ping a quiet websocket and when a silent one is given up. */
    public Builder keepAlive(Duration ping, Duration readTimeout) {
      positive("ping interval", ping);
      if (readTimeout.compareTo(ping) <= 0) {
        throw new IllegalArgumentException(
            "read timeout: " + readTimeout + " (expected: > ping interval " + ping + ")");
      }
      this.pingInterval = ping;
      this.readTimeout = readTimeout;
      return this;
    }

    /**
     * Reconnect when no header came for {@code blocks} estimated block times, and never sooner than
     * {@code floor}. Default 5 blocks, at least 30 s.
     */
    public Builder stallAfter(int blocks, Duration floor) {
      if (blocks < 2) {
        throw new IllegalArgumentException("stall blocks: " + blocks + " (expected: >= 2)");
      }
      this.stallBlocks = blocks;
      this.stallFloor = positive("stall floor", floor);
      return this;
    }

    /** A header older than this marks the node as behind. Default 5 min. */
    public Builder maxBlockAge(Duration age) {
      this.maxBlockAge = positive("max block age", age);
      return this;
    }

    /** Largest websocket frame and REST body accepted. Defaults 1 MiB and 4 MiB. */
    public Builder limits(int maxFrameBytes, int maxBodyBytes) {
      if (maxFrameBytes < 1024 || maxBodyBytes < 1024) {
        throw new IllegalArgumentException(
            "limits: " + maxFrameBytes + ", " + maxBodyBytes + " (expected: >= 1024 bytes each)");
      }
      this.maxFrameBytes = maxFrameBytes;
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    private static Duration positive(String what, Duration d) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + ": " + d + " (expected: > 0)");
      }
      return d;
    }

    /**
     * Checks the options as {@link #build()} does, before any event loop exists.
     *
     * @throws IllegalArgumentException without an application or a genesis service
     */
    void check() {
      if (applications.isEmpty()) {
        throw new IllegalArgumentException(
            "--application: none (expected: at least one application address)");
      }
      if (genesis.services().isEmpty()) {
        throw new IllegalArgumentException("services: [] (expected: at least one service)");
      }
      if (protocol() == RelayProtocol.SHANNON && gateway.isEmpty()) {
        throw new IllegalArgumentException(
            "--relay-protocol: shannon (expected: a --gateway-key-file to sign relays with)");
      }
    }

    /**
     * The source, not yet started.
     *
     * @throws IllegalStateException without an application, event loops or registry
     */
    public CometBftSource build() {
      check();
      if (group == null || meters == null) {
        throw new IllegalStateException("cometbft source: event loops and meters are required");
      }
      return new CometBftSource(
          new Settings(
              genesis,
              rpc,
              websocketUri(rpc),
              api,
              List.copyOf(applications),
              gateway,
              protocol(),
              signingRandom != null ? signingRandom : new SecureRandom(),
              group,
              meters,
              clock,
              random,
              chainId,
              reconnectBase,
              reconnectMax,
              queryRetryBase,
              queryRetryMax,
              queryAttempts,
              queryTimeout,
              connectTimeout,
              pingInterval,
              readTimeout,
              stallBlocks,
              stallFloor,
              maxBlockAge,
              maxFrameBytes,
              maxBodyBytes));
    }
  }
}
