package dev.fisherman.daemon.api;

import dev.fisherman.core.reputation.Selected;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /v1/services/{service}/select}: up to {@code n} distinct servicers in state {@code
 * ok}, drawn at random weighted by score.
 */
public record Selection(String service, List<Selection.Entry> servicers) {
  public Selection {
    Objects.requireNonNull(service, "service");
    servicers = List.copyOf(servicers);
  }

  /** One selected servicer: where to send relays and its score. */
  public record Entry(String address, URI url, int score) {
    public Entry {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(url, "url");
    }
  }

  /** The wire form of core's selection. */
  public static Selection of(String service, List<Selected> selected) {
    return new Selection(
        service,
        selected.stream()
            .map(s -> new Entry(s.reputation().address(), s.url(), s.reputation().score()))
            .toList());
  }
}
