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
 * A network namespace of its own, joined to the host by a veth pair on a private /30: the host side
 * is {@link #hostAddress()}, the namespace side {@link #innerAddress()}. A process started with
 * {@link #command} runs inside it and reaches the host (servicers) only over the veth, so faults
 * switched here hit it and nothing else on the machine: a full drop, random loss of connection
 * attempts to one servicer, a blackhole of one servicer, a bandwidth limit.
 *
 * <p>Faults are iptables rules in the namespace's own {@code OUTPUT} chain and a {@code tbf} qdisc
 * on the host side of the veth (what the servicers send back). {@link #restore()} removes them all;
 * {@link #close()} deletes the namespace and the veth pair (with them every rule and qdisc) and is
 * safe to call after a half-finished {@link #create()}.
 */
public final class NetNamespace implements AutoCloseable {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final String name;
  private final String hostVeth;
  private final String innerVeth;
  private final InetAddress host;
  private final InetAddress inner;
  private boolean created;
  private boolean hostVethCreated;

  private NetNamespace(
      String name, String hostVeth, String innerVeth, InetAddress host, InetAddress inner) {
    this.name = name;
    this.hostVeth = hostVeth;
    this.innerVeth = innerVeth;
    this.host = host;
    this.inner = inner;
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
    boolean root = "root".equals(System.getProperty("user.name")) || uid() == 0;
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
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    // ip, iptables and tc live in /usr/sbin, which a non-login PATH may lack.
    return Files.isExecutable(Path.of("/usr/sbin", tool))
        || Files.isExecutable(Path.of("/sbin", tool));
  }

  /**
   * Creates a namespace and its veth pair on a /30 in 10.200.0.0/13 that no interface of the host
   * uses yet; names carry this JVM's pid so parallel builds do not collide.
   */
  public static NetNamespace create() {
    requireSupported();
    long pid = ProcessHandle.current().pid();
    int n = COUNTER.incrementAndGet();
    String id = Long.toString(pid % 100_000) + "x" + n;
    String used = run(List.of("ip", "-o", "-4", "addr", "show"), true);
    for (int attempt = 0; ; attempt++) {
      int block = ThreadLocalRandom.current().nextInt(0, 8 * 256 * 64);
      int second = 200 + block / (256 * 64);
      int third = (block / 64) % 256;
      int fourth = (block % 64) * 4;
      String prefix = String.format(Locale.ROOT, "10.%d.%d.", second, third);
      String hostText = prefix + (fourth + 1);
      if (used.contains(" " + hostText + "/") || used.contains(" " + prefix + (fourth + 2) + "/")) {
        if (attempt > 20) {
          throw new IllegalStateException("no free /30 in 10.200.0.0/13");
        }
        continue;
      }
      NetNamespace ns =
          new NetNamespace(
              "fisherman-" + id,
              "fmh" + id,
              "fmn" + id,
              address(hostText),
              address(prefix + (fourth + 2)));
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
    run(List.of("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", innerVeth), false);
    hostVethCreated = true;
    run(List.of("ip", "link", "set", innerVeth, "netns", name), false);
    run(List.of("ip", "addr", "add", host.getHostAddress() + "/30", "dev", hostVeth), false);
    run(List.of("ip", "link", "set", hostVeth, "up"), false);
    inside(List.of("ip", "addr", "add", inner.getHostAddress() + "/30", "dev", innerVeth));
    inside(List.of("ip", "link", "set", innerVeth, "up"));
    inside(List.of("ip", "link", "set", "lo", "up"));
  }

  /** The namespace's name ({@code ip netns list}). */
  public String name() {
    return name;
  }

  /** The host's address on the veth pair: servicers bind here to be reachable from inside. */
  public InetAddress hostAddress() {
    return host;
  }

  /** The namespace's address on the veth pair: the daemon's admin port binds here. */
  public InetAddress innerAddress() {
    return inner;
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

  /**
   * Drops every packet into and out of the namespace except TCP to and from {@code keepPorts} on
   * the namespace side (the admin port, so the test can still read what the daemon saw).
   */
  public void dropAll(int... keepPorts) {
    for (int port : keepPorts) {
      iptables("-A", "INPUT", "-p", "tcp", "--dport", Integer.toString(port), "-j", "ACCEPT");
      iptables("-A", "OUTPUT", "-p", "tcp", "--sport", Integer.toString(port), "-j", "ACCEPT");
    }
    iptables("-A", "INPUT", "-j", "DROP");
    iptables("-A", "OUTPUT", "-j", "DROP");
  }

  /**
   * Drops each new connection attempt (TCP SYN) to {@code servicer} with probability {@code p}, the
   * kernel's own random draw. With a relay timeout below the kernel's first SYN retransmit (1 s)
   * and a fresh connection per probe, a dropped SYN is exactly one failed probe, so {@link
   * #dropped} counts the probes the loss took.
   */
  public void loss(InetSocketAddress servicer, double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p: " + p + " (expected: 0 < p < 1)");
    }
    iptables(
        rule(servicer, "-m", "statistic", "--mode", "random", "--probability", Double.toString(p)));
  }

  /** Drops every packet to {@code servicer}: connections to it hang until the relay timeout. */
  public void blackhole(InetSocketAddress servicer) {
    iptables(rule(servicer));
  }

  private static String[] rule(InetSocketAddress servicer, String... match) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-A",
                "OUTPUT",
                "-p",
                "tcp",
                "-d",
                servicer.getAddress().getHostAddress(),
                "--dport",
                Integer.toString(servicer.getPort())));
    if (match.length > 0) {
      args.add("--syn");
      args.addAll(List.of(match));
    }
    args.addAll(List.of("-j", "DROP"));
    return args.toArray(String[]::new);
  }

  /**
   * The packets the namespace's DROP rules for {@code servicer} dropped so far (kernel counters).
   */
  public long dropped(InetSocketAddress servicer) {
    String listing = inside(List.of("iptables", "-L", "OUTPUT", "-n", "-v", "-x"));
    String target = servicer.getAddress().getHostAddress();
    String port = "dpt:" + servicer.getPort();
    long total = 0;
    for (String line : listing.lines().toList()) {
      String[] f = line.trim().split("\\s+");
      if (f.length > 8
          && f[2].equals("DROP")
          && line.contains(" " + target + " ")
          && line.matches(".*\\b" + port + "\\b.*")) {
        total += Long.parseLong(f[0]);
      }
    }
    return total;
  }

  /**
   * Limits what the host sends into the namespace (the servicers' answers) to {@code rate} (tc
   * syntax, e.g. {@code 64kbit}) with a token bucket filter.
   */
  public void bandwidth(String rate) {
    run(
        List.of(
            "tc", "qdisc", "replace", "dev", hostVeth, "root", "tbf", "rate", rate, "burst", "1600",
            "latency", "10s"),
        false);
  }

  /** Removes every fault: flushes the namespace's iptables chains and the host-side qdisc. */
  public void restore() {
    inside(List.of("iptables", "-F", "INPUT"));
    inside(List.of("iptables", "-F", "OUTPUT"));
    run(List.of("tc", "qdisc", "del", "dev", hostVeth, "root"), true);
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

  /** Whether the host side of the veth pair still exists. */
  public boolean hostVethExists() {
    return !run(List.of("ip", "-o", "link", "show", "dev", hostVeth), true).isBlank();
  }

  /**
   * Deletes the namespace and the veth pair, with every rule and qdisc on them. Processes still
   * running inside keep the namespace alive until they exit: stop them first.
   */
  @Override
  public void close() {
    if (hostVethCreated) {
      run(List.of("ip", "link", "del", hostVeth), true);
    }
    if (created) {
      run(List.of("ip", "netns", "del", name), true);
    }
  }

  @Override
  public String toString() {
    return "namespace "
        + name
        + " ("
        + inner.getHostAddress()
        + " ↔ host "
        + host.getHostAddress()
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
