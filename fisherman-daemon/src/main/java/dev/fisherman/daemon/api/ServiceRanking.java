package dev.fisherman.daemon.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.ranking.Ranking;
import dev.fisherman.core.reputation.ServicerReputation;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * {@code GET /v1/services/{service}/ranking}: the ranked servicers best first, then those left out;
 * each with its reputation in brief ({@code null} when not remembered) and the reason core gave.
 */
public record ServiceRanking(
    String service, List<ServiceRanking.Entry> servicers, List<ServiceRanking.Entry> excluded) {
  public ServiceRanking {
    Objects.requireNonNull(service, "service");
    servicers = List.copyOf(servicers);
    excluded = List.copyOf(excluded);
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

  /** The wire form of core's ranking. */
  public static ServiceRanking of(Ranking r) {
    return new ServiceRanking(
        r.service(),
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
