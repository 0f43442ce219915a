package dev.fisherman.daemon.shannon;

import java.util.Locale;

/** How the relays of a source's sessions travel ({@code --relay-protocol}). */
public enum RelayProtocol {
  /** The service's request as it is, to the servicer's URL. */
  DIRECT,
  /** Wrapped in a signed Shannon RelayRequest; answers verified as the supplier's. */
  SHANNON;

  /** The name on the command line and in logs. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The protocol named {@code text}.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static RelayProtocol parse(String text) {
    for (RelayProtocol p : values()) {
      if (p.wireName().equals(text)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "--relay-protocol: \"" + text + "\" (expected: direct or shannon)");
  }
}
