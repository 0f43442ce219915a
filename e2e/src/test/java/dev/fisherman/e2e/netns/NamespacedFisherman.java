package dev.fisherman.e2e.netns;

import dev.fisherman.e2e.harness.AdminClient;
import dev.fisherman.e2e.harness.DaemonProcess;
import dev.fisherman.e2e.harness.GenesisFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A JUnit extension: a network namespace of the class's own, and the packaged daemon (webhook
 * source) running inside it, its admin port on the namespace's end of the control link pair.
 * Servicers bind to {@link #hostAddress()}. After the class the daemon is stopped and the
 * namespace, the veth pair and every fault rule are removed, whatever happened; a failed scenario
 * prints the daemon's log.
 */
public final class NamespacedFisherman implements BeforeAllCallback, AfterAllCallback, TestWatcher {

  /** The admin port inside the namespace: the namespace is the daemon's alone, so it is free. */
  public static final int ADMIN_PORT = 8081;

  private final GenesisFile genesis;
  private volatile NetNamespace ns;
  private volatile DaemonProcess daemon;
  private volatile Path dir;
  private final String token = "e2e-" + UUID.randomUUID();

  public NamespacedFisherman(GenesisFile genesis) {
    this.genesis = genesis;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    NetNamespace.requireSupported();
    dir = Files.createTempDirectory("fisherman-netns-");
    Path genesisFile = genesis.writeTo(dir);
    Path tokenFile = Files.writeString(dir.resolve("token"), token);
    ns = NetNamespace.create();
    String admin = ns.controlAddress().getHostAddress() + ":" + ADMIN_PORT;
    daemon =
        DaemonProcess.exec(
            dir,
            URI.create("http://" + admin),
            ns.command(List.of()),
            List.of(
                "run",
                "--genesis",
                genesisFile.toString(),
                "--admin",
                admin,
                "--admin-token-file",
                tokenFile.toString(),
                "--source",
                "webhook"));
    try {
      daemon.awaitReady();
    } catch (RuntimeException | AssertionError e) {
      throw new AssertionError(
          "daemon in " + ns + " did not become ready\n" + daemon.describe(), e);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (daemon != null) {
        daemon.stop();
      }
    } finally {
      if (ns != null) {
        ns.close();
      }
    }
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (daemon != null) {
      System.err.println(
          "scenario " + context.getDisplayName() + " failed; " + ns + "\n" + daemon.describe());
    }
  }

  /** The namespace, to switch faults. */
  public NetNamespace namespace() {
    return ns;
  }

  /** Where servicers listen to be reachable from the daemon. */
  public java.net.InetAddress hostAddress() {
    return ns.hostAddress();
  }

  /** A client of the daemon's admin port, with the token the webhook needs. */
  public AdminClient client() {
    return daemon.client().withToken(token);
  }

  /** The daemon process. */
  public DaemonProcess process() {
    return daemon;
  }

  /** The daemon's directory (genesis, log). */
  public Path dir() {
    if (dir == null) {
      throw new UncheckedIOException(new IOException("not started"));
    }
    return dir;
  }
}
