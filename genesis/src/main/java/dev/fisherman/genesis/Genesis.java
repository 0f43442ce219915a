package dev.fisherman.genesis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The governance file a fisherman runs under: sampling parameters, services and (for localnet)
 * static servicers. Instances are immutable and always valid; build them with {@link
 * GenesisLoader}.
 */
public record Genesis(
    String chainId, Params params, List<Service> services, List<Servicer> servicers) {

  public Genesis {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(params, "params");
    services = List.copyOf(services);
    servicers = List.copyOf(servicers);
  }

  /** The service with this id, if genesis defines it. */
  public Optional<Service> service(String id) {
    // A loop, not a stream: the admin port asks this on every selection.
    for (Service s : services) {
      if (s.id().equals(id)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The check parameters of {@code service}: its own override, else {@code params.checks}. */
  public CheckParams checks(Service service) {
    return service.checks().orElse(params.checks());
  }

  /** Shorthand for {@code params().qos()}. */
  public QosParams qos() {
    return params.qos();
  }
}
