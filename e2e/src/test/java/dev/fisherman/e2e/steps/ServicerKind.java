package dev.fisherman.e2e.steps;

import dev.fisherman.sim.Behaviour;
import dev.fisherman.sim.Failure;
import dev.fisherman.testkit.proxy.Toxics;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a servicer of a scenario does, read from the words after "that": a behaviour of the
 * simulated servicer, a fault proxy in front of a healthy one, or a port where nothing listens.
 *
 * @param behaviour what the simulated servicer does; empty for a refused port
 * @param proxy the proxy's toxics when the servicer is reached through a fault proxy
 * @param seed the servicer's random seed when the scenario fixes one
 */
record ServicerKind(Optional<Behaviour> behaviour, Optional<Toxics> proxy, Optional<Long> seed) {

  /** Every phrase a scenario may use; the step parameter {@code {servicer kind}} matches these. */
  static final String PHRASES =
      "(?:is|are) available"
          + "|(?:is|are) on a fork"
          + "|refuses? connections"
          + "|answers? after \\d+ ms(?: with \\d+ ms of jitter)?"
          + "|fails? every request with [a-z_]+(?: \\d{3})?"
          + "|fails? \\d+% of requests, drawn from seed \\d+"
          + "|(?:is|are) behind a proxy that (?:passes everything through|delays answers by \\d+ ms"
          + "|accepts connections and never answers|resets every connection"
          + "|cuts each answer after \\d+ bytes)";

  /** Bodies of this size answer {@code huge_body}: 4 MiB against the genesis limit of 64 KiB. */
  private static final long HUGE_BODY_BYTES = 4L * 1024 * 1024;

  private static final Pattern SLOW =
      Pattern.compile("answers? after (\\d+) ms(?: with (\\d+) ms of jitter)?");
  private static final Pattern FAILING =
      Pattern.compile("fails? every request with ([a-z_]+)(?: (\\d{3}))?");
  private static final Pattern FLAKY =
      Pattern.compile("fails? (\\d+)% of requests, drawn from seed (\\d+)");
  private static final Pattern DELAY = Pattern.compile(".*delays answers by (\\d+) ms");
  private static final Pattern CUT = Pattern.compile(".*cuts each answer after (\\d+) bytes");

  static ServicerKind parse(String phrase) {
    Matcher m;
    if (phrase.endsWith("available")) {
      return simulated(Behaviour.healthy());
    }
    if (phrase.endsWith("on a fork")) {
      // Every block hash differs from the other servicers': integrity rounds find it disagreeing.
      return simulated(Behaviour.healthy().forkedFrom(0));
    }
    if (phrase.startsWith("refuse")) {
      return new ServicerKind(Optional.empty(), Optional.empty(), Optional.empty());
    }
    if ((m = SLOW.matcher(phrase)).matches()) {
      Behaviour slow = Behaviour.slow(Duration.ofMillis(Long.parseLong(m.group(1))));
      return simulated(
          m.group(2) == null
              ? slow
              : slow.withJitter(Duration.ofMillis(Long.parseLong(m.group(2)))));
    }
    if ((m = FAILING.matcher(phrase)).matches()) {
      Failure failure = failure(m.group(1));
      Behaviour always = Behaviour.always(failure).withHugeBodyBytes(HUGE_BODY_BYTES);
      return simulated(
          m.group(2) == null ? always : always.withHttpStatus(Integer.parseInt(m.group(2))));
    }
    if ((m = FLAKY.matcher(phrase)).matches()) {
      return new ServicerKind(
          Optional.of(Behaviour.flaky(Integer.parseInt(m.group(1)) / 100.0)),
          Optional.empty(),
          Optional.of(Long.parseLong(m.group(2))));
    }
    if (phrase.endsWith("passes everything through")) {
      return proxied(Toxics.none());
    }
    if ((m = DELAY.matcher(phrase)).matches()) {
      return proxied(Toxics.latency(Duration.ofMillis(Long.parseLong(m.group(1)))));
    }
    if (phrase.endsWith("never answers")) {
      return proxied(Toxics.blackhole());
    }
    if (phrase.endsWith("resets every connection")) {
      return proxied(Toxics.reset());
    }
    if ((m = CUT.matcher(phrase)).matches()) {
      return proxied(
          Toxics.none()
              .withDownstream(Toxics.Direction.clean().closingAfter(Long.parseLong(m.group(1)))));
    }
    throw new IllegalArgumentException(
        "servicer kind: \"" + phrase + "\" (expected one of " + PHRASES + ")");
  }

  /** Whether connecting to this servicer is refused (nothing listens). */
  boolean refused() {
    return behaviour.isEmpty();
  }

  private static ServicerKind simulated(Behaviour behaviour) {
    return new ServicerKind(Optional.of(behaviour), Optional.empty(), Optional.empty());
  }

  private static ServicerKind proxied(Toxics toxics) {
    return new ServicerKind(
        Optional.of(Behaviour.healthy()), Optional.of(toxics), Optional.empty());
  }

  private static Failure failure(String word) {
    try {
      return Failure.valueOf(word.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "failure: "
              + word
              + " (expected: http_status, rpc_error, garbage, huge_body, reset,"
              + " hang or close)",
          e);
    }
  }
}
