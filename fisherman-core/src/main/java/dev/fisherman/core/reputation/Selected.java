package dev.fisherman.core.reputation;

import java.net.URI;
import java.util.Objects;

/** A servicer handed out by selection: where to send relays, and its standing. */
public record Selected(URI url, ServicerReputation reputation) {
  public Selected {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(reputation, "reputation");
  }
}
