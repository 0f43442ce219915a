package dev.fisherman.daemon.sim.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CometBFT/poktroll full node on loopback, as far as fisherman sees one: the RPC websocket
 * ({@code GET /websocket}, {@code subscribe} to {@code tm.event='NewBlockHeader'}) and the session
 * query ({@code GET /pokt-network/poktroll/session/get_session}) on one port, in the node's own
 * JSON formats (int64 values as strings). It makes a block every {@code block_interval}; sessions
 * are {@code blocks_per_session} blocks long starting at height 1, and every session of every
 * configured application lists the configured suppliers.
 *
 * <p>Faults can be switched while it runs: drop the websockets, stop sending events, skip heights,
 * cancel the subscriptions, answer the next session query with the "ahead" 500, slow the REST API.
 * It runs on the event loop group it is given and never shuts that group down; all of its state
 * changes on one loop of that group.
 */
public final class SimulatedNode implements AutoCloseable {
  /** The subscription query CometBFT clients send for new block headers. */
  public static final String NEW_BLOCK_HEADER = "tm.event='NewBlockHeader'";

  static final String SESSION_PATH = "/pokt-network/poktroll/session/get_session";

  static final String APPLICATION_PATH = "/pokt-network/poktroll/application/application/";

  static final String ACCOUNT_PATH = "/cosmos/auth/v1beta1/accounts/";
  static final int MAX_FRAME_BYTES = 64 * 1024;
  static final ObjectMapper JSON = new ObjectMapper();

  /** One supplier of a service: its operator address and the endpoint relays go to. */
  public record Supplier(String service, String operatorAddress, URI url, String rpcType) {
    public Supplier {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(operatorAddress, "operatorAddress");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(rpcType, "rpcType");
    }
  }

  /** One session as the node defines it. */
  public record Session(
      String application, String service, String sessionId, long startHeight, long endHeight) {}

  private final String chainId;
  private final Duration blockInterval;
  private final int blocksPerSession;
  private final InstantSource clock;
  private final Set<String> applications;
  private final List<Supplier> suppliers;
  private final EventLoop loop;
  private final Channel serverChannel;
  private final Set<Channel> connections = ConcurrentHashMap.newKeySet();

  // Written on the loop only; read from anywhere.
  private final AtomicLong height;
  private final Map<Channel, Long> subscriptions = new ConcurrentHashMap<>();
  private final AtomicLong subscribes = new AtomicLong();
  private final AtomicLong sessionQueries = new AtomicLong();
  private final AtomicLong websocketConnections = new AtomicLong();
  private volatile boolean silent;
  private volatile long skipNext;
  private volatile boolean aheadOnce;
  private volatile Duration restDelay = Duration.ZERO;
  private final ScheduledFuture<?> blocks;
  private final Map<String, byte[]> accountKeys;
  private final Map<String, Set<String>> delegations = new ConcurrentHashMap<>();

  private SimulatedNode(Builder b, EventLoopGroup group) {
    this.chainId = b.chainId;
    this.blockInterval = b.blockInterval;
    this.blocksPerSession = b.blocksPerSession;
    this.clock = b.clock;
    this.applications = Set.copyOf(b.applications);
    this.suppliers = List.copyOf(b.suppliers);
    this.height = new AtomicLong(b.firstHeight);
    this.accountKeys = Map.copyOf(b.accountKeys);
    b.delegations.forEach((app, gws) -> gws.forEach(gw -> delegate(app, gw)));
    this.loop = group.next();
    Duration ping = b.pingInterval;
    Duration readTimeout = b.readTimeout;
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connections.add(ch);
                    ch.closeFuture()
                        .addListener(
                            f -> {
                              connections.remove(ch);
                              subscriptions.remove(ch);
                            });
                    // First in the pipeline so that control frames count as traffic too.
                    ch.pipeline()
                        .addLast(
                            new IdleStateHandler(
                                readTimeout.toMillis(), ping.toMillis(), 0, TimeUnit.MILLISECONDS))
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(MAX_FRAME_BYTES))
                        .addLast(
                            new WebSocketServerProtocolHandler(
                                WebSocketServerProtocolConfig.newBuilder()
                                    .websocketPath("/websocket")
                                    .maxFramePayloadLength(MAX_FRAME_BYTES)
                                    .handleCloseFrames(true)
                                    .build()))
                        .addLast(new SimulatedNodeHandler(SimulatedNode.this));
                  }
                });
    this.serverChannel = bootstrap.bind(b.bind).syncUninterruptibly().channel();
    long nanos = blockInterval.toNanos();
    this.blocks = loop.scheduleAtFixedRate(this::nextBlock, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /** A builder with the defaults: 1 s blocks, 10 blocks per session, from height 1. */
  public static Builder builder() {
    return new Builder();
  }

  /** The base URL of the RPC port ({@code /websocket}), e.g. {@code http://127.0.0.1:40123}. */
  public URI rpcUrl() {
    InetSocketAddress a = (InetSocketAddress) serverChannel.localAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
  }

  /** The base URL of the REST API; the same port as {@link #rpcUrl()}. */
  public URI apiUrl() {
    return rpcUrl();
  }

  /** The last committed height. */
  public long height() {
    return height.get();
  }

  /** How many {@code subscribe} requests arrived so far. */
  public long subscribes() {
    return subscribes.get();
  }

  /** How many session queries arrived so far. */
  public long sessionQueries() {
    return sessionQueries.get();
  }

  /** How many websocket handshakes completed so far. */
  public long websocketConnections() {
    return websocketConnections.get();
  }

  /** How many websockets have a live subscription now. */
  public int subscribers() {
    return subscriptions.size();
  }

  /** The session of {@code application} and {@code service} that holds {@code blockHeight}. */
  public Session session(String application, String service, long blockHeight) {
    if (blockHeight < 1) {
      throw new IllegalArgumentException("blockHeight: " + blockHeight + " (expected: >= 1)");
    }
    long start = (blockHeight - 1) / blocksPerSession * blocksPerSession + 1;
    long end = start + blocksPerSession - 1;
    return new Session(application, service, sessionId(application, service, start), start, end);
  }

  /** Every session of {@code application} and {@code service} that overlaps {@code [from, to]}. */
  public List<Session> sessions(String application, String service, long from, long to) {
    List<Session> out = new ArrayList<>();
    for (long h = session(application, service, from).startHeight();
        h <= to;
        h += blocksPerSession) {
      out.add(session(application, service, h));
    }
    return out;
  }

  /** Closes every websocket at once, as a restarting node or a broken proxy would. */
  public void dropWebsockets() {
    for (Channel c : List.copyOf(subscriptions.keySet())) {
      c.close();
    }
  }

  /** Stops (true) or resumes (false) sending events; blocks are still made and pings answered. */
  public void silence(boolean on) {
    this.silent = on;
  }

  /** Makes the next {@code blocks} blocks without sending their events, as a slow client sees. */
  public void skipHeights(long blocks) {
    if (blocks < 1) {
      throw new IllegalArgumentException("blocks: " + blocks + " (expected: >= 1)");
    }
    this.skipNext = blocks;
  }

  /** Cancels every subscription with CometBFT's error, keeping the connections open. */
  public void cancelSubscriptions() {
    loop.execute(
        () -> {
          for (Map.Entry<Channel, Long> e : List.copyOf(subscriptions.entrySet())) {
            subscriptions.remove(e.getKey());
            ObjectNode error = JSON.createObjectNode();
            error.put("code", -32000);
            error.put("message", "Server error");
            error.put("data", "subscription was canceled (reason: client is not pulling messages)");
            ObjectNode reply = JSON.createObjectNode();
            reply.put("jsonrpc", "2.0");
            reply.put("id", e.getValue());
            reply.set("error", error);
            e.getKey().writeAndFlush(new TextWebSocketFrame(reply.toString()));
          }
        });
  }

  /** Answers the next session query with the 500 a node gives right after a new block. */
  public void aheadOnce() {
    this.aheadOnce = true;
  }

  /** Delays every REST answer by {@code delay} from now on. */
  public void slowRest(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay: " + delay + " (expected: >= 0)");
    }
    this.restDelay = delay;
  }

  private void nextBlock() {
    long h = height.incrementAndGet();
    if (skipNext > 0) {
      skipNext--;
      return;
    }
    if (silent) {
      return;
    }
    for (Map.Entry<Channel, Long> e : subscriptions.entrySet()) {
      e.getKey().writeAndFlush(new TextWebSocketFrame(headerEvent(e.getValue(), h)));
    }
  }

  private String headerEvent(long id, long h) {
    ObjectNode header = JSON.createObjectNode();
    ObjectNode version = header.putObject("version");
    version.put("block", "11");
    version.put("app", "0");
    header.put("chain_id", chainId);
    header.put("height", Long.toString(h));
    header.put("time", clock.instant().toString());
    header.putObject("last_block_id").put("hash", "");
    header.put("proposer_address", "");
    ObjectNode value = JSON.createObjectNode();
    value.set("header", header);
    ObjectNode data = JSON.createObjectNode();
    data.put("type", "tendermint/event/NewBlockHeader");
    data.set("value", value);
    ObjectNode result = JSON.createObjectNode();
    result.put("query", NEW_BLOCK_HEADER);
    result.set("data", data);
    result.putObject("events").putArray("tm.event").add("NewBlockHeader");
    ObjectNode event = JSON.createObjectNode();
    event.put("jsonrpc", "2.0");
    event.put("id", id);
    event.set("result", result);
    return event.toString();
  }

  void websocketOpened() {
    websocketConnections.incrementAndGet();
  }

  /** Subscribes {@code channel} under {@code id}; runs on the channel's loop. */
  void subscribe(Channel channel, long id) {
    subscribes.incrementAndGet();
    subscriptions.put(channel, id);
  }

  void unsubscribe(Channel channel) {
    subscriptions.remove(channel);
  }

  Duration restDelay() {
    return restDelay;
  }

  /** The REST answer to a session query: HTTP status and JSON body. */
  record Answer(int status, String body) {}

  Answer sessionQuery(Map<String, String> params) {
    sessionQueries.incrementAndGet();
    Set<String> expected = Set.of("application_address", "service_id", "block_height");
    for (String k : params.keySet()) {
      if (!expected.contains(k)) {
        return error(400, "unknown query parameter: " + k);
      }
    }
    String app = params.get("application_address");
    String service = params.get("service_id");
    String heightText = params.getOrDefault("block_height", "0");
    if (app == null || !applications.contains(app)) {
      return error(400, "application not found: " + app);
    }
    if (service == null || suppliers.stream().noneMatch(s -> s.service().equals(service))) {
      return error(400, "service not found: " + service);
    }
    long asked;
    try {
      asked = Long.parseLong(heightText);
    } catch (NumberFormatException e) {
      return error(400, "invalid block height: " + heightText);
    }
    long now = height.get();
    if (aheadOnce) {
      aheadOnce = false;
      asked = asked == 0 ? now + 1 : Math.max(asked, now + 1);
    }
    if (asked > now) {
      return error(
          500,
          "block height "
              + asked
              + " is ahead of the last committed block height "
              + now
              + ": invalid block height");
    }
    long at = asked == 0 ? now : asked;
    Session s = session(app, service, Math.max(1, at));
    ObjectNode headerNode = JSON.createObjectNode();
    headerNode.put("application_address", app);
    headerNode.put("service_id", service);
    headerNode.put("session_id", s.sessionId());
    headerNode.put("session_start_block_height", Long.toString(s.startHeight()));
    headerNode.put("session_end_block_height", Long.toString(s.endHeight()));
    ObjectNode session = JSON.createObjectNode();
    session.set("header", headerNode);
    session.put("session_id", s.sessionId());
    session.put("session_number", Long.toString((s.startHeight() - 1) / blocksPerSession + 1));
    session.put("num_blocks_per_session", Long.toString(blocksPerSession));
    ObjectNode application = session.putObject("application");
    application.put("address", app);
    application.putObject("stake").put("denom", "upokt").put("amount", "100000000");
    ArrayNode list = session.putArray("suppliers");
    Map<String, List<Supplier>> byOperator = new LinkedHashMap<>();
    for (Supplier sup : suppliers) {
      if (sup.service().equals(service)) {
        byOperator.computeIfAbsent(sup.operatorAddress(), k -> new ArrayList<>()).add(sup);
      }
    }
    for (Map.Entry<String, List<Supplier>> e : byOperator.entrySet()) {
      ObjectNode sup = list.addObject();
      sup.put("owner_address", e.getKey());
      sup.put("operator_address", e.getKey());
      sup.putObject("stake").put("denom", "upokt").put("amount", "1000000");
      ObjectNode svc = sup.putArray("services").addObject();
      svc.put("service_id", service);
      ArrayNode endpoints = svc.putArray("endpoints");
      for (Supplier sp : e.getValue()) {
        ObjectNode ep = endpoints.addObject();
        ep.put("url", sp.url().toString());
        ep.put("rpc_type", sp.rpcType());
        ep.putArray("configs");
      }
      ObjectNode share = svc.putArray("rev_share").addObject();
      share.put("address", e.getKey());
      share.put("rev_share_percentage", "100");
    }
    ObjectNode root = JSON.createObjectNode();
    root.set("session", session);
    return new Answer(200, root.toString());
  }

  /** Lets {@code application} delegate to {@code gateway} from now on. */
  public void delegate(String application, String gateway) {
    delegations.computeIfAbsent(application, a -> ConcurrentHashMap.newKeySet()).add(gateway);
  }

  /** Withdraws the delegation of {@code application} to {@code gateway} at once. */
  public void undelegate(String application, String gateway) {
    delegations.getOrDefault(application, Set.of()).remove(gateway);
  }

  /** {@code GET /pokt-network/poktroll/application/application/{address}}. */
  Answer applicationQuery(String address) {
    if (!applications.contains(address)) {
      return error(404, "application not found: " + address);
    }
    ObjectNode app = JSON.createObjectNode();
    app.put("address", address);
    app.putObject("stake").put("denom", "upokt").put("amount", "100000000");
    ArrayNode configs = app.putArray("service_configs");
    suppliers.stream()
        .map(Supplier::service)
        .distinct()
        .forEach(svc -> configs.addObject().put("service_id", svc));
    ArrayNode delegatees = app.putArray("delegatee_gateway_addresses");
    delegations.getOrDefault(address, Set.of()).stream().sorted().forEach(delegatees::add);
    app.putObject("pending_undelegations");
    app.put("unstake_session_end_height", "0");
    app.putNull("pending_transfer");
    ObjectNode root = JSON.createObjectNode();
    root.set("application", app);
    return new Answer(200, root.toString());
  }

  /** {@code GET /cosmos/auth/v1beta1/accounts/{address}}: the key of an account that signed. */
  Answer accountQuery(String address) {
    if (!address.matches("[a-z0-9]{1,128}")) {
      return error(400, "decoding bech32 failed: " + address);
    }
    byte[] key = accountKeys.get(address);
    ObjectNode account = JSON.createObjectNode();
    account.put("@type", "/cosmos.auth.v1beta1.BaseAccount");
    account.put("address", address);
    if (key == null) {
      account.putNull("pub_key");
    } else {
      account
          .putObject("pub_key")
          .put("@type", "/cosmos.crypto.secp256k1.PubKey")
          .put("key", Base64.getEncoder().encodeToString(key));
    }
    account.put("account_number", "0");
    account.put("sequence", key == null ? "0" : "1");
    ObjectNode root = JSON.createObjectNode();
    root.set("account", account);
    return new Answer(200, root.toString());
  }

  private static Answer error(int status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("code", status == 500 ? 2 : 3);
    body.put("message", message);
    body.putArray("details");
    return new Answer(status, body.toString());
  }

  private static String sessionId(String app, String service, long start) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] d = sha.digest((app + "/" + service + "/" + start).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops making blocks, closes the connections and the listener; the group stays up. */
  @Override
  public void close() {
    blocks.cancel(false);
    serverChannel.close().syncUninterruptibly();
    for (Channel c : List.copyOf(connections)) {
      c.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE));
      c.close().syncUninterruptibly();
    }
  }

  /** Options of a {@link SimulatedNode}, each checked when set. */
  public static final class Builder {
    private String chainId = "pocket-sim";
    private Duration blockInterval = Duration.ofSeconds(1);
    private int blocksPerSession = 10;
    private long firstHeight = 0;
    private InstantSource clock = InstantSource.system();
    private Duration pingInterval = Duration.ofSeconds(27);
    private Duration readTimeout = Duration.ofSeconds(30);
    private InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private final Set<String> applications = new LinkedHashSet<>();
    private final List<Supplier> suppliers = new ArrayList<>();
    private final Map<String, byte[]> accountKeys = new LinkedHashMap<>();
    private final Map<String, Set<String>> delegations = new LinkedHashMap<>();

    private Builder() {}

    public Builder chainId(String id) {
      this.chainId = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Time between blocks. */
    public Builder blockInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("blockInterval: " + interval + " (expected: > 0)");
      }
      this.blockInterval = interval;
      return this;
    }

    public Builder blocksPerSession(int blocks) {
      if (blocks < 1) {
        throw new IllegalArgumentException("blocksPerSession: " + blocks + " (expected: >= 1)");
      }
      this.blocksPerSession = blocks;
      return this;
    }

    /** The height committed when the node starts; the first new block is one more. */
    public Builder startHeight(long h) {
      if (h < 0) {
        throw new IllegalArgumentException("startHeight: " + h + " (expected: >= 0)");
      }
      this.firstHeight = h;
      return this;
    }

    /** The clock header times come from. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How often the node pings a websocket, and how long a silent one lives. */
    public Builder keepAlive(Duration ping, Duration readTimeout) {
      if (ping.isNegative() || ping.isZero() || readTimeout.compareTo(ping) <= 0) {
        throw new IllegalArgumentException(
            "keepAlive: " + ping + ", " + readTimeout + " (expected: 0 < ping < readTimeout)");
      }
      this.pingInterval = ping;
      this.readTimeout = readTimeout;
      return this;
    }

    public Builder bind(InetSocketAddress address) {
      this.bind = Objects.requireNonNull(address, "address");
      return this;
    }

    /** An application whose sessions the node answers. */
    public Builder application(String address) {
      this.applications.add(Objects.requireNonNull(address, "address"));
      return this;
    }

    /** A supplier of {@code service} with a {@code JSON_RPC} endpoint at {@code url}. */
    public Builder supplier(String service, String operatorAddress, URI url) {
      return supplier(new Supplier(service, operatorAddress, url, "JSON_RPC"));
    }

    /**
     * An account that has signed, so its public key ({@code compressed}, 33 bytes) is on chain:
     * what {@code /cosmos/auth/v1beta1/accounts/{address}} answers.
     */
    public Builder account(String address, byte[] compressed) {
      Objects.requireNonNull(address, "address");
      if (compressed.length != 33) {
        throw new IllegalArgumentException(
            "account key: " + compressed.length + " bytes (expected: 33, compressed)");
      }
      this.accountKeys.put(address, compressed.clone());
      return this;
    }

    /** {@code application} has delegated to {@code gateway}. */
    public Builder delegation(String application, String gateway) {
      delegations
          .computeIfAbsent(
              Objects.requireNonNull(application, "application"), a -> new LinkedHashSet<>())
          .add(Objects.requireNonNull(gateway, "gateway"));
      return this;
    }

    public Builder supplier(Supplier supplier) {
      this.suppliers.add(Objects.requireNonNull(supplier, "supplier"));
      return this;
    }

    /**
     * Starts the node.
     *
     * @param group an NIO event loop group the caller owns and shuts down
     */
    public SimulatedNode start(EventLoopGroup group) {
      Objects.requireNonNull(group, "group");
      if (applications.isEmpty() || suppliers.isEmpty()) {
        throw new IllegalStateException(
            "simulated node: "
                + applications.size()
                + " applications, "
                + suppliers.size()
                + " suppliers (expected: at least one of each)");
      }
      return new SimulatedNode(this, group);
    }
  }
}
