package dev.fisherman.genesis;

import java.util.Locale;
import java.util.Optional;

/**
 * How a service is reached on a Shannon supplier endpoint: the chain's {@code RPCType}. It picks
 * which of a supplier's endpoints a node source probes, and is the {@code Rpc-Type} header of a
 * Shannon relay ({@link #number()}).
 */
public enum RpcType {
  /** gRPC: not probed (the relay client speaks HTTP/1.1). */
  GRPC(1, false),
  /** Websocket: not probed (a probe is one request and one answer). */
  WEBSOCKET(2, false),
  /** JSON-RPC over HTTP POST (the default). */
  JSON_RPC(3, true),
  /** REST over HTTP. */
  REST(4, true),
  /** CometBFT's RPC over HTTP. */
  COMET_BFT(5, true);

  private final int number;
  private final boolean probed;

  RpcType(int number, boolean probed) {
    this.number = number;
    this.probed = probed;
  }

  /** The number of poktroll's {@code RPCType} enum, sent as the {@code Rpc-Type} header. */
  public int number() {
    return number;
  }

  /** Whether fisherman can probe endpoints of this type. */
  public boolean probed() {
    return probed;
  }

  /** The name used in genesis files, e.g. {@code json_rpc}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The name the chain uses in its JSON, e.g. {@code JSON_RPC}. */
  public String chainName() {
    return name();
  }

  /** The type with this genesis name, if there is one. */
  public static Optional<RpcType> fromWireName(String name) {
    for (RpcType t : values()) {
      if (t.wireName().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
