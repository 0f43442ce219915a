package dev.fisherman.daemon.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.ranking.Ranking;
import dev.fisherman.core.reputation.ServicerReputation;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * {@code GET /v1/services/{service}/ranking}: the ranked servicers best first, then those left out;
 * each with its reputation in brief ({@code null} when not remembered) and the reason core gave.
 * The lists may be cut: {@code counts} says how many servicers each list has in all, and {@code
 * asOf} when the servicers were looked at.
 */
public record ServiceRanking(
    String service,
    Instant asOf,
    Counts counts,
    List<ServiceRanking.Entry> servicers,
    List<ServiceRanking.Entry> excluded) {
  public ServiceRanking {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(counts, "counts");
    servicers = List.copyOf(servicers);
    excluded = List.copyOf(excluded);
    if (counts.ranked() < servicers.size() || counts.excluded() < excluded.size()) {
      throw new IllegalArgumentException(
          "counts: "
              + counts
              + " (expected: at least the "
              + servicers.size()
              + " ranked and "
              + excluded.size()
              + " excluded shown)");
    }
  }

  /** How many servicers are ranked and how many left out, whether shown or not. */
  public record Counts(int ranked, int excluded) {
    public Counts {
      if (ranked < 0 || excluded < 0) {
        throw new IllegalArgumentException(
            "counts: ranked " + ranked + ", excluded " + excluded + " (expected: >= 0)");
      }
    }
  }

  /** One servicer; {@code rank} is left out for the excluded. */
  public record Entry(
      String address,
      URI url,
      String sessionId,
      long probes,
      OptionalDouble availability,
      OptionalDouble p50Ms,
      QosFigures.Verdicts verdicts,
      Optional<Standing> reputation,
      @JsonInclude(JsonInclude.Include.NON_ABSENT) OptionalInt rank,
      String reason) {
    public Entry {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(sessionId, "sessionId");
      Objects.requireNonNull(availability, "availability");
      Objects.requireNonNull(p50Ms, "p50Ms");
      Objects.requireNonNull(verdicts, "verdicts");
      Objects.requireNonNull(reputation, "reputation");
      Objects.requireNonNull(rank, "rank");
      Objects.requireNonNull(reason, "reason");
    }

    static Entry of(
        String sessionId,
        ServicerQos q,
        Optional<ServicerReputation> reputation,
        OptionalInt rank,
        String reason) {
      return new Entry(
          q.address(),
          q.url(),
          sessionId,
          q.probes(),
          q.availability().isPresent()
              ? OptionalDouble.of(Wire.round(q.availability().getAsDouble(), 4))
              : OptionalDouble.empty(),
          q.latencyMs()
              .map(l -> OptionalDouble.of(Wire.round(l.p50(), 3)))
              .orElse(OptionalDouble.empty()),
          QosFigures.Verdicts.of(q.verdicts()),
          reputation.map(Standing::of),
          rank,
          reason);
    }
  }

  /** The wire form of core's ranking, as of {@code asOf}. */
  public static ServiceRanking of(Ranking r, Instant asOf) {
    return new ServiceRanking(
        r.service(),
        asOf,
        new Counts(r.rankedTotal(), r.excludedTotal()),
        r.ranked().stream()
            .map(
                x ->
                    Entry.of(
                        x.sessionId(),
                        x.qos(),
                        x.reputation(),
                        OptionalInt.of(x.rank()),
                        x.reason()))
            .toList(),
        r.excluded().stream()
            .map(
                x ->
                    Entry.of(
                        x.sessionId(), x.qos(), x.reputation(), OptionalInt.empty(), x.reason()))
            .toList());
  }
}
