package dev.fisherman.genesis;

import java.util.Objects;

/**
 * A chain or API id ({@code eth}, {@code 0021}) with the relay every probe of it sends and the
 * rules its responses must meet.
 */
public record Service(String id, RelayTemplate relay, Expect expect) {
  public Service {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(expect, "expect");
  }
}
