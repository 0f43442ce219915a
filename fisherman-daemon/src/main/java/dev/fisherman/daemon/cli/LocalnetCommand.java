package dev.fisherman.daemon.cli;

import ch.qos.logback.classic.Level;
import dev.fisherman.core.Accounting;
import dev.fisherman.core.store.SessionStore;
import dev.fisherman.core.store.SessionSummary;
import dev.fisherman.daemon.Daemon;
import dev.fisherman.daemon.api.Session;
import dev.fisherman.daemon.api.Sessions;
import dev.fisherman.daemon.api.Standing;
import dev.fisherman.daemon.sim.miner.LocalnetKeys;
import dev.fisherman.daemon.sim.miner.RelayMinerServer;
import dev.fisherman.daemon.sim.node.SimulatedNode;
import dev.fisherman.daemon.source.SourceSpec;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.GenesisException;
import dev.fisherman.genesis.GenesisLoader;
import dev.fisherman.genesis.GenesisProblem;
import dev.fisherman.genesis.Servicer;
import dev.fisherman.shannon.crypto.PublicKey;
import dev.fisherman.shannon.miner.SimulatedChain;
import dev.fisherman.shannon.miner.SimulatedRelayMiner;
import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.SimulatedServicer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fisherman localnet}: simulated servicers on loopback (healthy and fast, healthy and slow,
 * flaky, down), a simulated CometBFT/poktroll node whose sessions list them as suppliers, and the
 * daemon reading sessions from that node with the {@code cometbft} source (the path a real sidecar
 * takes), with the QoS table printed every few seconds.
 */
@Command(
    name = "localnet",
    mixinStandardHelpOptions = true,
    description = {
      "Starts simulated servicers on the loopback ports the localnet genesis names and a"
          + " simulated CometBFT/poktroll node whose sessions list them as suppliers (pokt1 +"
          + " the servicer's address), runs the daemon with --source cometbft against that node"
          + " and prints the QoS table every few seconds. Ctrl-C stops.",
      "Servicers are simulated by address: healthy-fast answers at once, healthy-slow after"
          + " ~400 ms, flaky fails ~30%% of requests with HTTP 503, down has nothing listening,"
          + " lagging is 50 blocks behind, forked has other block hashes from 200 blocks before"
          + " the start, wrong-chain serves chain 0x1; any other loopback servicer answers at"
          + " once."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped (Ctrl-C, SIGTERM or --for elapsed)",
      "1:a port is in use or the daemon failed",
      "2:bad usage or bad genesis"
    })
final class LocalnetCommand implements Callable<Integer> {
  /** The application whose sessions the simulated node serves; it delegates to the gateway. */
  static final String APPLICATION = LocalnetKeys.application().address().value();

  /** The gateway fisherman signs Shannon relays as. */
  static final String GATEWAY = LocalnetKeys.gateway().address().value();

  /** Where {@code make run} finds the localnet genesis, relative to the working directory. */
  static final Path DEFAULT_GENESIS = Path.of("genesis", "examples", "localnet.json");

  /** The copy of it inside the jar, for runs from elsewhere. */
  static final String EMBEDDED_GENESIS = "/dev/fisherman/daemon/localnet.json";

  /** Blocks the lagging servicer is behind: well beyond the default allowance of 5. */
  static final long LAG = 50;

  /** How far below the head at start the forked servicer's branch starts. */
  static final long FORK_DEPTH = 200;

  /** The chain the wrong-chain servicer serves. */
  static final String WRONG_CHAIN = "0x1";

  @Spec CommandSpec spec;

  @Option(
      names = "--genesis",
      paramLabel = "FILE",
      description =
          "Genesis file (default: genesis/examples/localnet.json, else the copy in the jar).")
  Path genesisFile;

  @Option(
      names = "--admin",
      paramLabel = "HOST:PORT",
      converter = HostPort.class,
      description = "Admin HTTP address (default: 127.0.0.1:8081; port 0 picks a free one).")
  InetSocketAddress admin = Daemon.DEFAULT_ADMIN;

  @Option(
      names = "--interval",
      paramLabel = "SECONDS",
      description = "Seconds between tables (default: 3).")
  int intervalSeconds = 3;

  @Option(
      names = "--for",
      paramLabel = "SECONDS",
      description = "Stop by itself after this many seconds (default: run until Ctrl-C).")
  Integer forSeconds;

  @Option(names = "--verbose", description = "Log at INFO instead of WARN.")
  boolean verbose;

  /** Where the tables go: redrawn and coloured on a terminal, plain elsewhere. */
  Terminal terminal = Terminal.detect();

  @Override
  public Integer call() throws InterruptedException {
    Logging.configure(LogFormat.TEXT, verbose ? Level.INFO : Level.WARN);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (intervalSeconds < 1 || (forSeconds != null && forSeconds < 1)) {
      err.println("--interval and --for: seconds (expected: >= 1)");
      return 2;
    }
    Optional<Genesis> loaded = loadGenesis(genesisFile, err);
    if (loaded.isEmpty()) {
      return 2;
    }
    Genesis genesis = loaded.get();

    EventLoopGroup simGroup =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("fisherman-sim", true), NioIoHandler.newFactory());
    List<SimulatedServicer> sims = new ArrayList<>();
    List<RelayMinerServer> miners = new ArrayList<>();
    SimulatedChain chain = chain(genesis);
    Path keyDir = null;
    SimulatedNode node = null;
    Daemon daemon = null;
    try {
      StringBuilder intro = new StringBuilder("fisherman localnet: simulated servicers\n");
      for (Servicer s : genesis.servicers()) {
        Optional<String> why = simulate(s, simGroup, sims, miners, chain);
        intro.append(
            String.format(
                Locale.ROOT,
                "  %-20s %-24s %s%n",
                supplierAddress(s.address()),
                s.url(),
                why.orElse("")));
      }
      node = startNode(genesis, simGroup);
      intro.append(
          "simulated node: "
              + node.rpcUrl()
              + " (chain "
              + genesis.chainId()
              + ", application "
              + APPLICATION
              + ")\n"
              + "gateway: "
              + GATEWAY
              + " (the application delegates to it; probes are Shannon relays it signs, answers"
              + " are verified as the suppliers')\n");
      out.print(intro);
      keyDir = Files.createTempDirectory("fisherman-localnet");
      Path keyFile = gatewayKeyFile(keyDir);
      Daemon.Builder builder =
          Daemon.builder(genesis)
              .admin(admin)
              .source(SourceSpec.of("cometbft"))
              .sourceOption("--node-rpc", List.of(node.rpcUrl().toString()))
              .sourceOption("--node-api", List.of(node.apiUrl().toString()))
              .sourceOption("--application", List.of(APPLICATION))
              .sourceOption("--gateway-key-file", List.of(keyFile.toString()));
      try {
        daemon = builder.start();
      } catch (UncheckedIOException | IllegalArgumentException e) {
        err.println(e.getMessage());
        return e instanceof IllegalArgumentException ? 2 : 1;
      }
      int printed = intro.length();
      intro.append(
          String.format(
              Locale.ROOT,
              "admin: %s  (status page: %s/ ; JSON: curl %s/v1/sessions)%n%n",
              daemon.adminUrl(),
              daemon.adminUrl(),
              daemon.adminUrl()));
      out.print(intro.substring(printed));
      out.flush();
      // A redrawn screen repeats the introduction above each table.
      String header = terminal.redraw() ? intro.toString() : "";
      Daemon running = daemon;
      Shutdown shutdown = Shutdown.install(running::close);
      long deadline =
          forSeconds == null
              ? Long.MAX_VALUE
              : System.nanoTime() + TimeUnit.SECONDS.toNanos(forSeconds);
      while (true) {
        print(out, running, header);
        long left = deadline - System.nanoTime();
        Duration wait = Duration.ofSeconds(intervalSeconds);
        if (left < wait.toNanos()) {
          wait = Duration.ofNanos(Math.max(0, left));
        }
        if (shutdown.await(wait) || System.nanoTime() >= deadline) {
          break;
        }
      }
      daemon.close();
      Accounting a = daemon.engine().accounting();
      out.printf(
          Locale.ROOT,
          "stopped: planned=%d recorded=%d cancelled=%d%n",
          a.probesPlanned(),
          a.observationsRecorded(),
          a.probesCancelled());
      out.flush();
      return 0;
    } catch (IOException e) {
      err.println("localnet: " + e.getMessage());
      return 1;
    } catch (UncheckedIOException e) {
      err.println(e.getMessage());
      return 1;
    } finally {
      if (daemon != null) {
        daemon.close();
      }
      if (node != null) {
        node.close();
      }
      for (RelayMinerServer m : miners) {
        m.close();
      }
      for (SimulatedServicer s : sims) {
        s.close();
      }
      deleteKeys(keyDir);
      simGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3_000);
    }
  }

  /**
   * The simulated node: blocks every {@code block_time}, sessions of {@code blocks_per_session}
   * blocks, every genesis servicer a supplier of its services, on a free loopback port.
   */
  private static SimulatedNode startNode(Genesis genesis, EventLoopGroup group) {
    SimulatedNode.Builder b =
        SimulatedNode.builder()
            .chainId(genesis.chainId())
            .blockInterval(genesis.params().session().blockTime())
            .blocksPerSession(genesis.params().session().blocksPerSession())
            .application(APPLICATION)
            .account(APPLICATION, LocalnetKeys.application().publicKey().compressed())
            .account(GATEWAY, LocalnetKeys.gateway().publicKey().compressed())
            .delegation(APPLICATION, GATEWAY);
    for (Servicer s : genesis.servicers()) {
      b.account(
          supplierAddress(s.address()),
          LocalnetKeys.supplier(s.address()).publicKey().compressed());
      for (String service : s.services()) {
        b.supplier(service, supplierAddress(s.address()), s.url());
      }
    }
    return b.start(group);
  }

  /** What the simulated RelayMiners know: every localnet key, the application's delegation. */
  private static SimulatedChain chain(Genesis genesis) {
    List<PublicKey> keys = new ArrayList<>();
    keys.add(LocalnetKeys.application().publicKey());
    keys.add(LocalnetKeys.gateway().publicKey());
    for (Servicer s : genesis.servicers()) {
      keys.add(LocalnetKeys.supplier(s.address()).publicKey());
    }
    return SimulatedChain.of(
        keys,
        Map.of(LocalnetKeys.application().address(), Set.of(LocalnetKeys.gateway().address())));
  }

  /** The gateway key in a file only this user may read, as {@code --gateway-key-file} wants. */
  private static Path gatewayKeyFile(Path dir) throws IOException {
    Path file =
        Files.createFile(
            dir.resolve("gateway.key"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, LocalnetKeys.hex("gateway") + "\n", StandardCharsets.US_ASCII);
    return file;
  }

  private static void deleteKeys(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      Files.deleteIfExists(dir.resolve("gateway.key"));
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // A temporary directory; the system cleans it up eventually.
    }
  }

  /** The chain address a genesis servicer has as the simulated node's supplier operator. */
  static String supplierAddress(String servicer) {
    return LocalnetKeys.supplier(servicer).address().value();
  }

  /** Starts the simulated servicer for {@code s}, if it is one; says what it does. */
  private static Optional<String> simulate(
      Servicer s,
      EventLoopGroup group,
      List<SimulatedServicer> sims,
      List<RelayMinerServer> miners,
      SimulatedChain chain) {
    InetAddress host;
    try {
      host = InetAddress.getByName(s.url().getHost());
    } catch (IOException e) {
      return Optional.of("not simulated (" + e.getMessage() + ")");
    }
    if (!host.isLoopbackAddress() || s.url().getPort() < 0) {
      return Optional.of("not simulated (not a loopback URL with a port)");
    }
    Behaviour behaviour;
    String what;
    switch (s.address()) {
      case "down" -> {
        return Optional.of("down: nothing listening");
      }
      case "healthy-slow" -> {
        behaviour = Behaviour.slow(Duration.ofMillis(400)).withJitter(Duration.ofMillis(20));
        what = "healthy, slow: answers after ~400 ms";
      }
      case "flaky" -> {
        behaviour = Behaviour.flaky(0.3);
        what = "flaky: ~30% of requests answer HTTP 503";
      }
      case "lagging" -> {
        behaviour = Behaviour.healthy().withHeightLag(LAG);
        what = "lagging: " + LAG + " blocks behind the head";
      }
      case "forked" -> {
        long from = SimulatedServicer.headAt(Instant.now()) - FORK_DEPTH;
        behaviour = Behaviour.healthy().forkedFrom(from);
        what = "forked: other block hashes from height " + from;
      }
      case "wrong-chain" -> {
        behaviour = Behaviour.healthy().onChain(WRONG_CHAIN);
        what = "wrong chain: serves chain " + WRONG_CHAIN;
      }
      default -> {
        behaviour = Behaviour.healthy();
        what = "healthy, fast: answers at once";
      }
    }
    InetSocketAddress bind = new InetSocketAddress(host, s.url().getPort());
    try {
      // The servicer's node on a port of its own, behind a RelayMiner at the staked URL.
      SimulatedServicer backend =
          SimulatedServicer.start(group, new InetSocketAddress(host, 0), behaviour);
      sims.add(backend);
      SimulatedRelayMiner miner =
          SimulatedRelayMiner.create(
              LocalnetKeys.supplier(s.address()),
              chain,
              RelayMinerServer.forwardingTo(backend.url(), Duration.ofSeconds(10)));
      miners.add(RelayMinerServer.start(group, bind, miner));
    } catch (RuntimeException e) {
      throw new UncheckedIOException(
          new IOException(
              "localnet: cannot listen on "
                  + bind.getHostString()
                  + ":"
                  + bind.getPort()
                  + " for "
                  + s.address()
                  + " ("
                  + e.getMessage()
                  + ")",
              e));
    }
    return Optional.of(what + "; behind a RelayMiner");
  }

  private void print(PrintWriter out, Daemon daemon, String header) {
    Optional<Session> session = pick(daemon.engine().store());
    String table =
        session.isEmpty()
            ? "waiting for the first session...\n"
            : QosTable.render(
                QosTable.from(
                    session.get(),
                    address -> daemon.engine().reputation().of(address).map(Standing::of)),
                terminal.colour());
    out.print(terminal.frame(header + table));
    out.flush();
  }

  /** The session the table shows: see {@link Sessions#newestJudged}, over every retained one. */
  static Optional<Session> pick(SessionStore store) {
    return Sessions.newestJudged(
        store.sessions().stream().map(SessionSummary::sessionId).toList(),
        id -> store.session(id).map(Session::of),
        Integer.MAX_VALUE);
  }

  /**
   * The genesis at {@code file}, or when it is null the localnet genesis: {@link #DEFAULT_GENESIS}
   * if it exists, else the copy in the jar. Empty after printing every problem to {@code err}.
   */
  static Optional<Genesis> loadGenesis(Path file, PrintWriter err) {
    try {
      if (file != null) {
        return Optional.of(GenesisLoader.load(file));
      }
      if (Files.isRegularFile(DEFAULT_GENESIS)) {
        return Optional.of(GenesisLoader.load(DEFAULT_GENESIS));
      }
      try (InputStream in = LocalnetCommand.class.getResourceAsStream(EMBEDDED_GENESIS)) {
        if (in == null) {
          err.println(
              "localnet: no genesis (expected: --genesis FILE, or " + DEFAULT_GENESIS + ")");
          return Optional.empty();
        }
        return Optional.of(
            GenesisLoader.parse(
                new String(in.readAllBytes(), StandardCharsets.UTF_8), "localnet.json (embedded)"));
      }
    } catch (GenesisException e) {
      for (GenesisProblem p : e.problems()) {
        err.println(p.message());
      }
      return Optional.empty();
    } catch (IOException e) {
      err.println("localnet: cannot read the embedded genesis (" + e.getMessage() + ")");
      return Optional.empty();
    }
  }
}
