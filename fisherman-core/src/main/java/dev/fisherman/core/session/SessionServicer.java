package dev.fisherman.core.session;

import java.net.URI;
import java.util.Objects;

/** One servicer of a session: its on-chain address and the URL relays go to. */
public record SessionServicer(String address, URI url) {
  public SessionServicer {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(url, "url");
    if (address.isBlank()) {
      throw new IllegalArgumentException("address: \"\" (expected: a non-empty address)");
    }
    String scheme = url.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("url: \"" + url + "\" (expected: an http or https URL)");
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException("url: \"" + url + "\" (expected: a URL with a host)");
    }
  }
}
