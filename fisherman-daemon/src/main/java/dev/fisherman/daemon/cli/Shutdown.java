package dev.fisherman.daemon.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop that ends with exit code 0.
 *
 * <p>The JVM's own handling of these signals runs the shutdown hooks and then exits with 128 +
 * signal (143, 130), which supervisors read as a crash. Handling the signals here lets the main
 * thread close the daemon and return 0. A second signal while stopping exits at once with 1. A
 * shutdown hook still closes the daemon when the JVM stops for any other reason.
 */
final class Shutdown {
  private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

  private final CountDownLatch requested = new CountDownLatch(1);
  private final AtomicInteger signals = new AtomicInteger();

  private Shutdown() {}

  /** Installs the signal handlers and a hook that runs {@code onJvmExit} if the JVM stops first. */
  static Shutdown install(Runnable onJvmExit) {
    Shutdown s = new Shutdown();
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), sig -> s.signal("SIG" + sig.getName()));
      } catch (IllegalArgumentException e) {
        log.debug("signal {} cannot be handled here; the shutdown hook covers it", name);
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(onJvmExit, "fisherman-shutdown"));
    return s;
  }

  private void signal(String name) {
    if (signals.incrementAndGet() == 1) {
      log.info("{}: shutting down", name);
      requested.countDown();
    } else {
      log.warn("{} again: exiting now", name);
      Logging.stop();
      Runtime.getRuntime().halt(1);
    }
  }

  /** Blocks until a stop is requested. */
  void await() throws InterruptedException {
    requested.await();
  }

  /** Blocks until a stop is requested or {@code timeout} passes; true when stop was requested. */
  boolean await(Duration timeout) throws InterruptedException {
    return requested.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }
}
