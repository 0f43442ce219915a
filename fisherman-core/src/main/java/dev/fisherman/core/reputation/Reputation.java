package dev.fisherman.core.reputation;

import dev.fisherman.core.probe.RoundResult;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.genesis.QosParams;
import dev.fisherman.genesis.ReputationParams;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * What fisherman remembers of each servicer across sessions: a decaying score, timeouts that
 * expire, probation before re-entry, and the weighted selection a gateway asks for. Fed once per
 * recorded round, after the round judges; thread-safe.
 */
public interface Reputation {

  /** Servicers remembered at most unless told otherwise. */
  long DEFAULT_MAX_SERVICERS = 100_000;

  /**
   * A reputation under {@code params}, with availability thresholds from {@code qos}, on {@code
   * clock}, remembering at most {@code maxServicers}; {@code onTimeout} hears of every timeout
   * started.
   */
  static Reputation create(
      ReputationParams params,
      QosParams qos,
      FishermanClock clock,
      long maxServicers,
      Consumer<TimeoutCause> onTimeout) {
    return new DefaultReputation(params, qos, clock, maxServicers, onTimeout);
  }

  /** Takes in one judged round: every judged observation once (excluded and cancelled ignored). */
  void record(RoundResult round);

  /** The servicer's standing now, when it is remembered. */
  Optional<ServicerReputation> of(String address);

  /**
   * Up to {@code n} distinct servicers among {@code candidates} in state {@code ok}, drawn at
   * random weighted by score, the best latency band among them weighing double; empty when none
   * qualifies.
   */
  List<ServicerReputation> select(Collection<String> candidates, int n, RandomGenerator random);

  /**
   * The servicers among {@code candidates} that selection may draw now, with their weights: the
   * whole work of a selection but the draw, to be kept while {@link #version()} is unchanged.
   */
  Pool pool(Collection<String> candidates);

  /**
   * Up to {@code n} distinct servicers drawn from {@code pool} at random weighted by score (the
   * best latency band weighing double); a servicer no longer in state ok is passed over. The
   * standings come without their reasons (a selection hands out address and score; {@link #of}
   * gives a servicer's reasons).
   */
  List<ServicerReputation> draw(Pool pool, int n, RandomGenerator random);

  /**
   * A number that changes whenever a recorded round may have changed a servicer's state or score; a
   * {@link Pool} made at one version is current while the version stays (up to the slow decay of
   * old penalties, which only raises scores).
   */
  long version();

  /** Remembered servicers seen in {@code service}, by state (every state present). */
  Map<ReputationState, Long> countByState(String service);

  /** Remembered servicers seen in {@code service} now in {@code state}. */
  long count(String service, ReputationState state);

  /** Servicers remembered now. */
  long size();
}
