package dev.fisherman.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.daemon.sim.SimulatedServicer;
import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.DaemonProcess;
import dev.fisherman.e2e.harness.FishermanDaemon;
import dev.fisherman.e2e.harness.ServicerFarm;
import dev.fisherman.e2e.harness.ServicerView;
import dev.fisherman.e2e.harness.SessionEvent;
import dev.fisherman.e2e.harness.SessionView;
import dev.fisherman.e2e.proxy.FaultProxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * What one scenario has set up and seen: its servicers, its daemon, its sessions and the daemon's
 * last answers. Cucumber makes a new one for every scenario and hands it to every step class.
 */
public final class World {

  /** The window of a session the scenario does not give a duration. */
  static final String SESSION = "4s";

  /**
   * How long to wait for a session to end and settle: the window, the relay timeout of its last
   * probes, and room for a busy 2-core machine (and for a session of 50 servicers).
   */
  static final Duration SETTLE = Duration.ofSeconds(25);

  /** A servicer of the scenario: where it is and, when simulated, what it saw. */
  record Servicer(
      String name, URI url, Optional<SimulatedServicer> simulated, Optional<FaultProxy> proxy) {

    SimulatedServicer sim() {
      return simulated.orElseThrow(
          () -> new AssertionError("servicer " + name + " is a refused port, not a simulation"));
    }
  }

  private final ServicerFarm farm = new ServicerFarm();
  private final Map<String, Servicer> servicers = new LinkedHashMap<>();
  private final Map<String, List<String>> groups = new LinkedHashMap<>();
  private final Map<String, SessionEvent> sessions = new LinkedHashMap<>();
  private FishermanDaemon own;
  private SessionEvent session;
  private SessionView view;
  private long settledNanos;
  private SessionView snapshot;
  private AdminClient.Response response;

  /** A daemon started by the scenario itself (bad genesis, shutdown), not through the harness. */
  DaemonProcess process;

  /** A directory of the scenario's own (genesis files for {@link #process}), removed at the end. */
  Path dir;

  OptionalInt exitCode = OptionalInt.empty();
  Duration exitTook;

  /** Starts a servicer of {@code kind} and remembers it by {@code name}. */
  Servicer addServicer(String name, ServicerKind kind) {
    assertThat(servicers).as("servicer names in this scenario").doesNotContainKey(name);
    Servicer servicer;
    if (kind.refused()) {
      servicer = new Servicer(name, farm.refusedUrl(), Optional.empty(), Optional.empty());
    } else {
      SimulatedServicer sim =
          kind.seed().isPresent()
              ? farm.servicer(kind.behaviour().orElseThrow(), kind.seed().get())
              : farm.servicer(kind.behaviour().orElseThrow());
      Optional<FaultProxy> proxy = kind.proxy().map(toxics -> farm.proxy(sim, toxics));
      URI url = proxy.map(FaultProxy::url).orElse(sim.url());
      servicer = new Servicer(name, url, Optional.of(sim), proxy);
    }
    servicers.put(name, servicer);
    return servicer;
  }

  void addGroup(String group, int count, ServicerKind kind) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add(addServicer(group + "-" + i, kind).name());
    }
    groups.put(group, names);
  }

  Servicer servicer(String name) {
    Servicer s = servicers.get(name);
    if (s == null) {
      throw new IllegalStateException(
          "no servicer \"" + name + "\" in this scenario (declared: " + servicers.keySet() + ")");
    }
    return s;
  }

  List<Servicer> servicers() {
    return List.copyOf(servicers.values());
  }

  List<String> group(String group) {
    List<String> names = groups.get(group);
    if (names == null) {
      throw new IllegalStateException(
          "no group \"" + group + "\" in this scenario (declared: " + groups.keySet() + ")");
    }
    return names;
  }

  /** The scenario's own daemon if it started one, else the shared one. */
  FishermanDaemon daemon() {
    return own != null ? own : FishermanDaemon.shared();
  }

  void ownDaemon(FishermanDaemon daemon) {
    this.own = daemon;
  }

  AdminClient admin() {
    return daemon().client();
  }

  /** A session of every servicer declared so far. */
  SessionEvent newSession(String name, String duration) {
    SessionEvent event = SessionEvent.named(name, duration);
    for (Servicer s : servicers.values()) {
      event = event.with(s.name(), s.url());
    }
    return event;
  }

  void session(String name, SessionEvent event) {
    sessions.put(name, event);
    session = event;
  }

  SessionEvent session() {
    if (session == null) {
      throw new IllegalStateException("no session started in this scenario yet");
    }
    return session;
  }

  SessionEvent session(String name) {
    SessionEvent event = sessions.get(name);
    if (event == null) {
      throw new IllegalStateException(
          "no session \"" + name + "\" in this scenario (known: " + sessions.keySet() + ")");
    }
    return event;
  }

  /** Waits for the current session to end and settle, and keeps what the daemon then reports. */
  SessionView settle() {
    view = admin().awaitSettled(session().sessionId(), SETTLE);
    settledNanos = System.nanoTime();
    return view;
  }

  SessionView view() {
    if (view == null) {
      throw new IllegalStateException("no session has ended in this scenario yet");
    }
    return view;
  }

  long settledNanos() {
    return settledNanos;
  }

  ServicerView report(String servicer) {
    return view().servicer(servicer);
  }

  void snapshot(SessionView moment) {
    this.snapshot = moment;
  }

  ServicerView snapshot(String servicer) {
    if (snapshot == null) {
      throw new IllegalStateException("no earlier moment of the session was noted");
    }
    return snapshot.servicer(servicer);
  }

  void response(AdminClient.Response response) {
    this.response = response;
  }

  AdminClient.Response response() {
    if (response == null) {
      throw new IllegalStateException("the daemon has not been asked anything yet");
    }
    return response;
  }

  /** Stops what the scenario started: its servicers, its own daemon, a daemon it executed. */
  void close() throws Exception {
    try {
      if (process != null) {
        process.close();
      }
      if (own != null) {
        own.close();
      }
    } finally {
      farm.close();
      if (dir != null) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }
}
