package dev.fisherman.core;

import dev.fisherman.core.probe.Exclusion;
import dev.fisherman.core.reputation.Reputation;
import dev.fisherman.core.reputation.Selected;
import dev.fisherman.core.reputation.Selector;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.core.store.SessionStore;
import dev.fisherman.genesis.Genesis;
import java.util.List;
import java.util.Optional;

/**
 * The sampling engine: takes session-start events, plans each session's rounds from genesis and
 * private randomness, fans the same relay out to every servicer at each round, and records the
 * observations in the session store.
 *
 * <p>The engine does not own the event loop group it is given; {@link #close()} cancels future
 * rounds, lets in-flight probes finish within {@code relay_timeout}, and records everything that
 * never ran as {@code cancelled}.
 *
 * <p>Sessions: rounds fire at instants drawn inside {@code [start + start_delay, end)} (a session
 * submitted late is sampled over what is left of it). At the session's end the rounds that did not
 * fire are recorded as {@code cancelled} and the session turns {@code ended}; probes of its last
 * round that are still in flight then land within {@code relay_timeout}, after which its report no
 * longer changes. Round instants are mapped onto the engine clock's ticker once, at admission, so
 * stepping the wall clock later does not move them.
 */
public interface Fisherman extends Selector, AutoCloseable {

  /** A builder for an engine running under {@code genesis}. */
  static FishermanBuilder builder(Genesis genesis) {
    return new FishermanBuilder(genesis);
  }

  /**
   * Admits a session: plans and schedules its rounds, unless it is already known.
   *
   * @throws IllegalArgumentException if the session names a service genesis does not define, names
   *     a servicer inside {@code params.limits.deny}, or leaves no room for a single round
   * @throws AdmissionRefusedException if the session does not fit in a budget of {@link
   *     #capacity()}; nothing of it is admitted
   * @throws IllegalStateException if the engine is closed
   */
  Admission submit(SessionStarted session);

  /**
   * Like {@link #submit}, and also returns the session's summary as it stood at admission (a new
   * session) or as stored (a known one), for an answer that must show it whatever happens to the
   * session next. The default knows no summary.
   */
  default Admitted admit(SessionStarted session) {
    return new Admitted(submit(session), Optional.empty());
  }

  /**
   * Ends an active session now, before its {@code endsAt}: a source that learns the session is over
   * (e.g. the chain passed its end height) says so. Rounds that did not fire are recorded as {@code
   * cancelled}, as at a timed end. Returns false when no such session is active (unknown, already
   * ended, or the engine is closed).
   */
  default boolean end(String sessionId) {
    return false;
  }

  /** The admission budgets and what the running sessions hold of them. */
  Capacity capacity();

  /** What the engine remembers of each servicer across sessions. */
  Reputation reputation();

  /**
   * Up to {@code n} distinct servicers (with their URLs) of {@code service}'s active sessions in
   * state {@code ok}, drawn at random weighted by score (the best latency band weighing double);
   * empty when none qualifies. Counted as selections served.
   *
   * @throws IllegalArgumentException if genesis does not define {@code service} or {@code n < 1}
   */
  @Override
  List<Selected> select(String service, int n);

  /** The session store this engine records into. */
  SessionStore store();

  /** Totals for the {@code planned = recorded + cancelled} invariant. */
  Accounting accounting();

  /**
   * Why the latest recorded round was excluded ({@code fisherman_stalled} or {@code
   * fisherman_network}); empty while rounds are judged normally.
   */
  default Optional<Exclusion> excluding() {
    return Optional.empty();
  }

  /** True from construction until {@link #close()} starts. */
  boolean isRunning();

  /**
   * Cancels future rounds, waits up to {@code relay_timeout} for probes in flight, then cancels
   * what is left. Blocks; call it before shutting the event loop group down and never on one of its
   * threads.
   */
  @Override
  void close();
}
