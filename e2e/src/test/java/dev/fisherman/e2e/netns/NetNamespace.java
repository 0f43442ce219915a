package dev.fisherman.e2e.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A network namespace of its own, joined to the host by two veth pairs on private /30s:
 *
 * <ul>
 *   <li>the <b>data</b> link, host side {@link #hostAddress()}, namespace side {@link
 *       #innerAddress()}: servicers listen on the host side, so a process started with {@link
 *       #command} reaches them only over this link, and every fault is switched on it;
 *   <li>the <b>control</b> link, namespace side {@link #controlAddress()}: the test's own view into
 *       the namespace (the daemon's admin port), never dropped or throttled.
 * </ul>
 *
 * <p>Faults: a full drop of the data link, random loss of whole connections to one servicer, a
 * blackhole of one servicer (iptables in the namespace), and a bandwidth limit on what the host
 * sends over the data link ({@code tbf}). {@link #restore()} removes them all; {@link #close()}
 * deletes both veth pairs and the namespace (with them every rule and qdisc) and is safe to call
 * after a half-finished {@link #create()}.
 */
public final class NetNamespace implements AutoCloseable {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** The connmark of a connection {@link #loss} lost, and of one it let through. */
  private static final String LOST = "2";

  private static final String KEPT = "1";

  private final String name;
  private final String id;
  private final InetAddress host;
  private final InetAddress inner;
  private final InetAddress controlHost;
  private final InetAddress control;
  private final List<String> hostVeths = new ArrayList<>();
  private boolean created;

  private NetNamespace(
      String id,
      InetAddress host,
      InetAddress inner,
      InetAddress controlHost,
      InetAddress control) {
    this.id = id;
    this.name = "fisherman-" + id;
    this.host = host;
    this.inner = inner;
    this.controlHost = controlHost;
    this.control = control;
  }

  /**
   * Returns when this machine can create namespaces (root, {@code ip}, {@code iptables}, {@code
   * tc}). Otherwise in CI ({@code CI=true}) the test fails; locally it is skipped with a loud
   * message on the standard error.
   */
  public static void requireSupported() {
    List<String> missing = new ArrayList<>();
    for (String tool : List.of("ip", "iptables", "tc")) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    boolean root = uid() == 0;
    if (missing.isEmpty() && root) {
      return;
    }
    String why =
        "network namespace scenarios need root and ip, iptables, tc (apt-get install iproute2"
            + " iptables; bin/ensure-tools)"
            + (root ? "" : "; not root")
            + (missing.isEmpty() ? "" : "; missing " + missing);
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(why + " (CI=true: required)");
    }
    System.err.println("*** SKIPPED: " + why + " ***");
    Assumptions.abort(why);
  }

  private static long uid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return Long.parseLong(line.split("\\s+")[1]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  private static boolean onPath(String tool) {
    // ip, iptables and tc live in /usr/sbin, which a non-login PATH may lack.
    return onPathOnly(tool)
        || Files.isExecutable(Path.of("/usr/sbin", tool))
        || Files.isExecutable(Path.of("/sbin", tool));
  }

  /**
   * Creates a namespace and its two veth pairs on a /29 in 10.200.0.0/13 that no interface of the
   * host uses yet; names carry this JVM's pid so parallel builds do not collide.
   */
  public static NetNamespace create() {
    requireSupported();
    String id = ProcessHandle.current().pid() % 100_000 + "x" + COUNTER.incrementAndGet();
    String used = run(List.of("ip", "-o", "-4", "addr", "show"), true);
    for (int attempt = 0; ; attempt++) {
      int block = ThreadLocalRandom.current().nextInt(0, 8 * 256 * 32);
      String prefix =
          String.format(Locale.ROOT, "10.%d.%d.", 200 + block / (256 * 32), (block / 32) % 256);
      int base = (block % 32) * 8;
      if (used.contains(" " + prefix + (base + 1) + "/")
          || used.contains(" " + prefix + (base + 5) + "/")) {
        if (attempt > 20) {
          throw new IllegalStateException("no free /29 in 10.200.0.0/13");
        }
        continue;
      }
      NetNamespace ns =
          new NetNamespace(
              id,
              address(prefix + (base + 1)),
              address(prefix + (base + 2)),
              address(prefix + (base + 5)),
              address(prefix + (base + 6)));
      try {
        ns.setUp();
        return ns;
      } catch (RuntimeException | Error e) {
        ns.close();
        throw e;
      }
    }
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private void setUp() {
    run(List.of("ip", "netns", "add", name), false);
    created = true;
    link(dataVeth(true), dataVeth(false), host, inner);
    link("fmc" + id + "h", "fmc" + id + "n", controlHost, control);
    inside(List.of("ip", "link", "set", "lo", "up"));
  }

  private String dataVeth(boolean hostSide) {
    return "fmd" + id + (hostSide ? "h" : "n");
  }

  private void link(String hostVeth, String innerVeth, InetAddress hostEnd, InetAddress innerEnd) {
    run(List.of("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", innerVeth), false);
    hostVeths.add(hostVeth);
    run(List.of("ip", "link", "set", innerVeth, "netns", name), false);
    run(List.of("ip", "addr", "add", hostEnd.getHostAddress() + "/30", "dev", hostVeth), false);
    run(List.of("ip", "link", "set", hostVeth, "up"), false);
    inside(List.of("ip", "addr", "add", innerEnd.getHostAddress() + "/30", "dev", innerVeth));
    inside(List.of("ip", "link", "set", innerVeth, "up"));
  }

  /** The namespace's name ({@code ip netns list}). */
  public String name() {
    return name;
  }

  /** The host's end of the data link: servicers bind here to be reachable from inside. */
  public InetAddress hostAddress() {
    return host;
  }

  /** The namespace's end of the data link. */
  public InetAddress innerAddress() {
    return inner;
  }

  /** The namespace's end of the control link: the daemon's admin port binds here. */
  public InetAddress controlAddress() {
    return control;
  }

  /** {@code command} prefixed with {@code ip netns exec <name>}: it runs inside the namespace. */
  public List<String> command(List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(command);
    return full;
  }

  /** Runs {@code command} inside the namespace and returns its output; fails on a non-zero exit. */
  public String inside(List<String> command) {
    return run(command(command), false);
  }

  /** Drops every packet into and out of the namespace over the data link. */
  public void dropAll() {
    iptables("-A", "INPUT", "-i", dataVeth(false), "-j", "DROP");
    iptables("-A", "OUTPUT", "-o", dataVeth(false), "-j", "DROP");
  }

  /**
   * Loses each new connection to {@code servicer} with probability {@code p}, the kernel's own
   * random draw, made once per connection when the servicer's SYN-ACK arrives (the connection is
   * tracked by then, so its mark lasts). A lost connection's packets, retransmissions included, are
   * all dropped: it never connects however long the client waits, and the servicer never sees a
   * request. With a fresh connection per probe, a lost connection is exactly one probe ending
   * {@code timeout_connect}, and {@link #lostConnections} counts them.
   */
  public void loss(InetSocketAddress servicer, double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p: " + p + " (expected: 0 < p < 1)");
    }
    String[] from = from(servicer);
    iptables(concat("INPUT", from, "-m", "connmark", "--mark", LOST, "-j", "DROP"));
    iptables(
        concat(
            "INPUT",
            from,
            "--tcp-flags",
            "SYN,ACK",
            "SYN,ACK",
            "-m",
            "connmark",
            "--mark",
            "0",
            "-m",
            "statistic",
            "--mode",
            "random",
            "--probability",
            Double.toString(p),
            "-j",
            "CONNMARK",
            "--set-mark",
            LOST));
    iptables(concat("INPUT", from, "-m", "connmark", "--mark", LOST, "-j", "DROP"));
    iptables(
        concat(
            "INPUT",
            from,
            "--tcp-flags",
            "SYN,ACK",
            "SYN,ACK",
            "-m",
            "connmark",
            "--mark",
            "0",
            "-j",
            "CONNMARK",
            "--set-mark",
            KEPT));
    iptables(concat("OUTPUT", to(servicer), "-m", "connmark", "--mark", LOST, "-j", "DROP"));
  }

  /** The connections to {@code servicer} that {@link #loss} has lost so far (kernel counters). */
  public long lostConnections(InetSocketAddress servicer) {
    return counted("INPUT", servicer, "CONNMARK", "CONNMARK set 0x" + LOST);
  }

  /** Drops every packet to {@code servicer}: connections to it hang until the relay timeout. */
  public void blackhole(InetSocketAddress servicer) {
    iptables(concat("OUTPUT", to(servicer), "-j", "DROP"));
  }

  /** The packets to {@code servicer} the namespace's {@code OUTPUT} DROP rules dropped so far. */
  public long dropped(InetSocketAddress servicer) {
    return counted("OUTPUT", servicer, "DROP", "");
  }

  private static String[] to(InetSocketAddress servicer) {
    return new String[] {
      "-p",
      "tcp",
      "-d",
      servicer.getAddress().getHostAddress(),
      "--dport",
      Integer.toString(servicer.getPort())
    };
  }

  private static String[] from(InetSocketAddress servicer) {
    return new String[] {
      "-p",
      "tcp",
      "-s",
      servicer.getAddress().getHostAddress(),
      "--sport",
      Integer.toString(servicer.getPort())
    };
  }

  private static String[] concat(String chain, String[] match, String... rest) {
    List<String> all = new ArrayList<>(List.of("-A", chain));
    all.addAll(List.of(match));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  /** Packets counted by the rules of {@code chain} with this target that name the servicer. */
  private long counted(String chain, InetSocketAddress servicer, String target, String detail) {
    String listing = inside(List.of("iptables", "-L", chain, "-n", "-v", "-x"));
    String address = " " + servicer.getAddress().getHostAddress() + " ";
    String port = ".*\\b[sd]pt:" + servicer.getPort() + "\\b.*";
    long total = 0;
    for (String line : listing.lines().toList()) {
      String[] f = line.trim().split("\\s+");
      if (f.length > 8
          && f[2].equals(target)
          && line.contains(address)
          && line.matches(port)
          && line.contains(detail)) {
        total += Long.parseLong(f[0]);
      }
    }
    return total;
  }

  /**
   * Limits what the host sends to the namespace over the data link (the servicers' answers) to
   * {@code rate} (tc syntax, e.g. {@code 64kbit}) with a token bucket filter.
   */
  public void bandwidth(String rate) {
    run(
        List.of(
            "tc",
            "qdisc",
            "replace",
            "dev",
            dataVeth(true),
            "root",
            "tbf",
            "rate",
            rate,
            "burst",
            "1600",
            "latency",
            "10s"),
        false);
  }

  /** Removes every fault: flushes the namespace's iptables chains and the data link's qdisc. */
  public void restore() {
    inside(List.of("iptables", "-w", "5", "-F", "INPUT"));
    inside(List.of("iptables", "-w", "5", "-F", "OUTPUT"));
    run(List.of("tc", "qdisc", "del", "dev", dataVeth(true), "root"), true);
  }

  private void iptables(String... args) {
    List<String> command = new ArrayList<>(List.of("iptables", "-w", "5"));
    command.addAll(List.of(args));
    inside(command);
  }

  /** Whether the namespace still exists, for tests of the harness. */
  public boolean exists() {
    return run(List.of("ip", "netns", "list"), true)
        .lines()
        .anyMatch(l -> l.equals(name) || l.startsWith(name + " "));
  }

  /** Whether the host side of the data link still exists. */
  public boolean hostVethExists() {
    return !run(List.of("ip", "-o", "link", "show", "dev", dataVeth(true)), true).isBlank();
  }

  /**
   * Deletes the veth pairs and the namespace, with every rule and qdisc on them. Processes still
   * running inside keep the namespace alive until they exit: stop them first.
   */
  @Override
  public void close() {
    for (String veth : hostVeths) {
      run(List.of("ip", "link", "del", veth), true);
    }
    hostVeths.clear();
    if (created) {
      run(List.of("ip", "netns", "del", name), true);
      created = false;
    }
  }

  @Override
  public String toString() {
    return "namespace "
        + name
        + " (data "
        + inner.getHostAddress()
        + " ↔ host "
        + host.getHostAddress()
        + ", control "
        + control.getHostAddress()
        + ")";
  }

  private static String run(List<String> command, boolean tolerateFailure) {
    List<String> resolved = new ArrayList<>(command);
    for (String dir : List.of("/usr/sbin", "/sbin")) {
      Path full = Path.of(dir, resolved.getFirst());
      if (!onPathOnly(resolved.getFirst()) && Files.isExecutable(full)) {
        resolved.set(0, full.toString());
        break;
      }
    }
    try {
      Process process = new ProcessBuilder(resolved).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish within 30 s");
      }
      if (process.exitValue() != 0 && !tolerateFailure) {
        throw new IllegalStateException(
            command + " exited with " + process.exitValue() + ": " + output.strip());
      }
      return process.exitValue() == 0 ? output : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }

  private static boolean onPathOnly(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
