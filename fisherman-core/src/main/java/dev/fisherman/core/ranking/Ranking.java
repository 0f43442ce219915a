package dev.fisherman.core.ranking;

import dev.fisherman.core.qos.CheckFigures;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.qos.Verdicts;
import dev.fisherman.core.reputation.ReputationState;
import dev.fisherman.core.reputation.ServicerReputation;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.core.store.SessionState;
import dev.fisherman.core.store.SessionStore;
import dev.fisherman.core.store.SessionSummary;
import dev.fisherman.genesis.QosParams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The servicers of one service's active sessions in the order a gateway should prefer them: the
 * available ones best first, each with the reason for its place, and the others apart with the
 * reason they are left out. A servicer in several active sessions is judged by the newest one.
 *
 * <p>Order: reputation state ({@code ok}, then {@code new} or not remembered, then {@code
 * probation}), then reputation score (higher first; none last), then availability (higher first),
 * then p50 (lower first), then address. A servicer in reputation {@code timeout} is left out, as is
 * one that fails a check or is not available in the session.
 *
 * <p>A ranking may be cut ({@link Ordered#top}): then {@code ranked} and {@code excluded} hold the
 * first of each list and {@code rankedTotal} and {@code excludedTotal} count them all.
 *
 * @param service the service ranked
 * @param ranked the available servicers, best first; {@code rank} counts from 1
 * @param excluded the servicers left out, by address
 * @param rankedTotal how many servicers are ranked, whether or not {@code ranked} holds them all
 * @param excludedTotal how many servicers are left out, whether or not {@code excluded} holds them
 *     all
 */
public record Ranking(
    String service,
    List<Ranked> ranked,
    List<Excluded> excluded,
    int rankedTotal,
    int excludedTotal) {

  public Ranking {
    Objects.requireNonNull(service, "service");
    ranked = List.copyOf(ranked);
    excluded = List.copyOf(excluded);
    if (rankedTotal < ranked.size()) {
      throw new IllegalArgumentException(
          "rankedTotal: "
              + rankedTotal
              + " (expected: >= "
              + ranked.size()
              + ", the ranked shown)");
    }
    if (excludedTotal < excluded.size()) {
      throw new IllegalArgumentException(
          "excludedTotal: "
              + excludedTotal
              + " (expected: >= "
              + excluded.size()
              + ", the excluded shown)");
    }
  }

  /** A whole ranking: every servicer shown. */
  public Ranking(String service, List<Ranked> ranked, List<Excluded> excluded) {
    this(service, ranked, excluded, ranked.size(), excluded.size());
  }

  /** Whether some ranked or excluded servicers are counted but not shown. */
  public boolean cut() {
    return rankedTotal > ranked.size() || excludedTotal > excluded.size();
  }

  /**
   * The servicers of a service in ranking order, without the words: the whole work of a ranking but
   * the reasons, which {@link #top} writes only for the servicers it shows. Immutable.
   */
  public static final class Ordered {
    private final String service;
    private final QosParams params;
    private final List<Candidate> available;
    private final List<Candidate> left;

    private Ordered(
        String service, QosParams params, List<Candidate> available, List<Candidate> left) {
      this.service = service;
      this.params = params;
      this.available = List.copyOf(available);
      this.left = List.copyOf(left);
    }

    /** The service ordered. */
    public String service() {
      return service;
    }

    /** How many servicers are ranked. */
    public int rankedTotal() {
      return available.size();
    }

    /** How many servicers are left out. */
    public int excludedTotal() {
      return left.size();
    }

    /**
     * The first {@code limit} ranked servicers and the first {@code excludedLimit} excluded ones
     * with their reasons, and the totals; the same entries and reasons as the whole ranking's.
     */
    public Ranking top(int limit, int excludedLimit) {
      if (limit < 0) {
        throw new IllegalArgumentException("limit: " + limit + " (expected: >= 0)");
      }
      if (excludedLimit < 0) {
        throw new IllegalArgumentException("excludedLimit: " + excludedLimit + " (expected: >= 0)");
      }
      int shown = Math.min(limit, available.size());
      List<Ranked> ranked = new ArrayList<>(shown);
      for (int i = 0; i < shown; i++) {
        Candidate c = available.get(i);
        ranked.add(
            new Ranked(
                i + 1, c.sessionId(), c.qos(), c.reputation(), reason(i, c, available, params)));
      }
      int out = Math.min(excludedLimit, left.size());
      List<Excluded> excluded = new ArrayList<>(out);
      for (int i = 0; i < out; i++) {
        Candidate c = left.get(i);
        excluded.add(new Excluded(c.sessionId(), c.qos(), c.reputation(), exclusion(c, params)));
      }
      return new Ranking(service, ranked, excluded, available.size(), left.size());
    }

    /** Every servicer with its reason. */
    public Ranking all() {
      return top(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }
  }

  /**
   * An available servicer at its place, its standing across sessions when remembered, and why it is
   * there.
   */
  public record Ranked(
      int rank,
      String sessionId,
      ServicerQos qos,
      Optional<ServicerReputation> reputation,
      String reason) {
    public Ranked {
      if (rank < 1) {
        throw new IllegalArgumentException("rank: " + rank + " (expected: >= 1)");
      }
      Objects.requireNonNull(sessionId, "sessionId");
      Objects.requireNonNull(qos, "qos");
      Objects.requireNonNull(reputation, "reputation");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A servicer left out of the ranking, its standing when remembered, and why. */
  public record Excluded(
      String sessionId, ServicerQos qos, Optional<ServicerReputation> reputation, String reason) {
    public Excluded {
      Objects.requireNonNull(sessionId, "sessionId");
      Objects.requireNonNull(qos, "qos");
      Objects.requireNonNull(reputation, "reputation");
      Objects.requireNonNull(reason, "reason");
    }
  }

  // On the keys worked out once per candidate: a sort of 10,000 compares about 140,000 times.
  private static final Comparator<Candidate> BEST_FIRST =
      Comparator.comparingInt(Candidate::tier)
          .thenComparingInt(c -> -c.score())
          .thenComparingDouble(c -> -c.availability())
          .thenComparingDouble(Candidate::p50)
          .thenComparing(c -> c.qos().address());

  /**
   * A servicer to place, with its sort keys: availability (0 when none), p50 ({@code MAX_VALUE}
   * when none), tier (0 for ok, 1 for new or not remembered, 2 for probation; timeout is never
   * ranked) and reputation score (-1 when not remembered).
   */
  private record Candidate(
      String sessionId,
      ServicerQos qos,
      Optional<ServicerReputation> reputation,
      double availability,
      double p50,
      int tier,
      int score) {

    static Candidate of(
        String sessionId, ServicerQos qos, Optional<ServicerReputation> reputation) {
      return new Candidate(
          sessionId,
          qos,
          reputation,
          qos.availability().orElse(0),
          qos.latencyMs().map(l -> l.p50()).orElse(Double.MAX_VALUE),
          reputation.map(r -> tierOf(r.state())).orElse(1),
          reputation.map(ServicerReputation::score).orElse(-1));
    }

    String standing() {
      return reputation.map(r -> r.state().wireName()).orElse("not remembered");
    }

    private static int tierOf(ReputationState s) {
      return switch (s) {
        case OK -> 0;
        case NEW -> 1;
        case PROBATION, TIMEOUT -> 2;
      };
    }
  }

  /** Ranks without reputation: for a view with no engine behind it. */
  public static Ranking of(SessionStore store, QosParams params, String service) {
    return of(store, params, service, address -> Optional.empty());
  }

  /** Ranks without reputation: for a view with no engine behind it. */
  public static Ranking of(List<SessionReport> newestFirst, QosParams params, String service) {
    return of(newestFirst, params, service, address -> Optional.empty());
  }

  /**
   * Ranks the servicers of {@code service}'s active sessions in {@code store} by the thresholds of
   * {@code params} and each servicer's standing in {@code reputation}. A service without active
   * sessions ranks nobody.
   */
  public static Ranking of(
      SessionStore store,
      QosParams params,
      String service,
      Function<String, Optional<ServicerReputation>> reputation) {
    return order(store, params, service, reputation).all();
  }

  /**
   * Orders the servicers of {@code service}'s active sessions in {@code store} as {@link
   * #of(SessionStore, QosParams, String, Function)} ranks them, leaving the reasons to {@link
   * Ordered#top}.
   */
  public static Ordered order(
      SessionStore store,
      QosParams params,
      String service,
      Function<String, Optional<ServicerReputation>> reputation) {
    Objects.requireNonNull(store, "store");
    List<SessionReport> reports = new ArrayList<>();
    for (SessionSummary s : store.sessions()) {
      if (s.state() == SessionState.ACTIVE && s.service().equals(service)) {
        store.session(s.sessionId()).ifPresent(reports::add);
      }
    }
    return order(reports, params, service, reputation);
  }

  /**
   * Ranks the servicers of the active sessions of {@code service} among {@code newestFirst}; the
   * other sessions are passed over.
   */
  public static Ranking of(
      List<SessionReport> newestFirst,
      QosParams params,
      String service,
      Function<String, Optional<ServicerReputation>> reputation) {
    return order(newestFirst, params, service, reputation).all();
  }

  /**
   * Orders the servicers of the active sessions of {@code service} among {@code newestFirst} as
   * {@link #of(List, QosParams, String, Function)} ranks them, leaving the reasons to {@link
   * Ordered#top}.
   */
  public static Ordered order(
      List<SessionReport> newestFirst,
      QosParams params,
      String service,
      Function<String, Optional<ServicerReputation>> reputation) {
    Objects.requireNonNull(newestFirst, "newestFirst");
    Objects.requireNonNull(reputation, "reputation");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(service, "service");
    List<Candidate> available = new ArrayList<>();
    List<Candidate> left = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    // Newest first, so the first sight of an address is its newest session.
    for (SessionReport report : newestFirst) {
      SessionSummary s = report.summary();
      if (s.state() != SessionState.ACTIVE || !s.service().equals(service)) {
        continue;
      }
      for (ServicerQos q : report.servicers()) {
        if (!seen.add(q.address())) {
          continue;
        }
        Candidate c = Candidate.of(s.sessionId(), q, reputation.apply(q.address()));
        (q.verdicts().available() == Verdicts.Available.YES
                    && failedCheck(q) == null
                    && timeout(c) == null
                ? available
                : left)
            .add(c);
      }
    }
    available.sort(BEST_FIRST);
    left.sort(Comparator.comparing(c -> c.qos().address()));
    return new Ordered(service, params, available, left);
  }

  private static String reason(int index, Candidate c, List<Candidate> ranked, QosParams qos) {
    String own =
        c.reputation()
                .map(r -> "reputation " + r.state().wireName() + " " + r.score() + ", ")
                .orElse("")
            + "availability "
            + fmt3(c.availability())
            + " >= "
            + fmt3(qos.minAvailability())
            + ", p50 "
            + ms(c);
    if (index == 0) {
      return own + ": best";
    }
    Candidate before = ranked.get(index - 1);
    String than = " than rank " + index + " (" + before.qos().address() + ")";
    if (c.tier() > before.tier()) {
      return own
          + ": reputation "
          + c.standing()
          + " ranks after "
          + before.standing()
          + " (rank "
          + index
          + ", "
          + before.qos().address()
          + ")";
    }
    if (c.score() < before.score()) {
      return own
          + ": lower reputation score ("
          + (c.score() < 0 ? "none" : c.score())
          + " < "
          + before.score()
          + ")"
          + than;
    }
    if (c.reputation().isPresent()) {
      own += ": same score";
      if (c.availability() < before.availability()) {
        return own
            + ", lower availability ("
            + fmt3(c.availability())
            + " < "
            + fmt3(before.availability())
            + ")"
            + than;
      }
      if (c.p50() > before.p50()) {
        return own + ", same availability, higher p50 (" + ms(c) + " > " + ms(before) + ")" + than;
      }
      return own + ", availability and p50, ordered by address after rank " + index;
    }
    if (c.availability() < before.availability()) {
      return own
          + ": lower availability ("
          + fmt3(c.availability())
          + " < "
          + fmt3(before.availability())
          + ")"
          + than;
    }
    if (c.p50() > before.p50()) {
      return own + ": same availability, higher p50 (" + ms(c) + " > " + ms(before) + ")" + than;
    }
    return own + ": same availability and p50, ordered by address after rank " + index;
  }

  /** Why a failed cross-servicer check leaves {@code q} out, or null when none failed. */
  private static String failedCheck(ServicerQos q) {
    CheckFigures f = q.checks();
    if (q.verdicts().chain() == Verdicts.Check.NO) {
      return "chain: no: serves chain " + f.chainId().map(id -> "\"" + id + "\"").orElse("?");
    }
    if (q.verdicts().consistent() == Verdicts.Check.NO) {
      return "consistent: no: disagreed with the quorum in "
          + f.disagreed()
          + " of "
          + f.integrityJudged()
          + " integrity rounds";
    }
    if (q.verdicts().synced() == Verdicts.Check.NO) {
      String off = f.ahead() > f.behind() ? "ahead of" : "behind";
      return "synced: no: "
          + off
          + " the head in "
          + (f.behind() + f.ahead())
          + " of "
          + f.syncJudged()
          + " rounds"
          + q.blocksBehind().stream()
              .mapToObj(b -> ", latest " + b + " blocks behind")
              .findFirst()
              .orElse("");
    }
    return null;
  }

  /** Why the reputation's timeout leaves {@code c} out, or null when it is not in timeout. */
  private static String timeout(Candidate c) {
    return c.reputation()
        .filter(r -> r.state() == ReputationState.TIMEOUT)
        .map(
            r ->
                "reputation: timeout"
                    + r.until().map(u -> " until " + u).orElse("")
                    + r.cause().map(x -> " after " + x.verdict()).orElse(""))
        .orElse(null);
  }

  private static String exclusion(Candidate c, QosParams qos) {
    ServicerQos q = c.qos();
    String check = failedCheck(q);
    if (check != null) {
      return check;
    }
    String timeout = timeout(c);
    if (timeout != null) {
      return timeout;
    }
    if (q.verdicts().available() == Verdicts.Available.NO) {
      return "not available: availability "
          + fmt3(c.availability())
          + " < "
          + fmt3(qos.minAvailability())
          + " over "
          + q.probes()
          + " probes";
    }
    return "not judged yet: " + q.probes() + " probes, " + qos.minSamples() + " needed";
  }

  private static String ms(Candidate c) {
    return c.qos().latencyMs().map(l -> String.format(Locale.ROOT, "%.1f ms", l.p50())).orElse("-");
  }

  private static String fmt3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
