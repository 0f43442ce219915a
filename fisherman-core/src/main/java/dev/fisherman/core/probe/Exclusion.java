package dev.fisherman.core.probe;

import java.util.Locale;

/** Why a round was excluded from the servicers' QoS: the fisherman was at fault. */
public enum Exclusion {
  /** The round went out later than {@code params.self_check.max_lateness}. */
  FISHERMAN_STALLED,
  /** Most probes failed the network way and the control check failed too. */
  FISHERMAN_NETWORK;

  /** The name used in the API and metrics, e.g. {@code fisherman_network}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
