package dev.fisherman.genesis;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/** A servicer listed in genesis (used by the localnet source): address, URL, services served. */
public record Servicer(String address, URI url, List<String> services) {
  public Servicer {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(url, "url");
    services = List.copyOf(services);
  }
}
