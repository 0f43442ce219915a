package dev.fisherman.genesis;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a service speaks, and so which requests read its height, a block identifier and its chain
 * id. A kind with a preset ({@code evm}, {@code cometbft}, {@code solana}) lets a genesis file
 * leave {@code relay} and {@code expect} out; {@code jsonrpc} (the default) and {@code http} need
 * them.
 */
public enum ServiceKind {
  /**
   * Ethereum JSON-RPC: {@code eth_blockNumber}, {@code eth_getBlockByNumber}, {@code eth_chainId}.
   */
  EVM(
      Optional.of(
          jsonRpc("{\"jsonrpc\":\"2.0\",\"method\":\"eth_blockNumber\",\"params\":[],\"id\":1}")),
      true,
      true),
  /** CometBFT RPC: {@code /status}, {@code /block?height=n}. */
  COMETBFT(
      Optional.of(new RelayTemplate("GET", "/status", Map.of(), Optional.empty())), true, true),
  /** Solana JSON-RPC: {@code getSlot}, {@code getBlock}, {@code getGenesisHash}. */
  SOLANA(
      Optional.of(jsonRpc("{\"jsonrpc\":\"2.0\",\"method\":\"getSlot\",\"params\":[],\"id\":1}")),
      true,
      true),
  /**
   * Generic JSON-RPC: the operator's request; the height, block identifier and chain id as {@code
   * reads} names them, else a hex quantity result is read as the height.
   */
  JSONRPC(Optional.empty(), true, false),
  /** Plain HTTP: any 2xx is {@code ok}; no height, identifier or chain id. */
  HTTP(Optional.empty(), false, false);

  private final Optional<RelayTemplate> preset;
  private final boolean jsonRpcResult;
  private final boolean readsChain;

  ServiceKind(Optional<RelayTemplate> preset, boolean jsonRpcResult, boolean readsChain) {
    this.preset = preset;
    this.jsonRpcResult = jsonRpcResult;
    this.readsChain = readsChain;
  }

  private static RelayTemplate jsonRpc(String body) {
    return new RelayTemplate("POST", "/", Map.of(), Optional.of(body));
  }

  /** The sampling request used when {@code relay} is left out; empty when it is required. */
  public Optional<RelayTemplate> preset() {
    return preset;
  }

  /** What a good answer looks like when {@code expect} is left out. */
  public Expect defaultExpect() {
    return new Expect(jsonRpcResult);
  }

  /**
   * Whether the kind knows how to ask for a block identifier and a chain id (the integrity and
   * chain checks).
   */
  public boolean readsChain() {
    return readsChain;
  }

  /** The name used in genesis files, e.g. {@code evm}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind with this genesis name, if there is one. */
  public static Optional<ServiceKind> fromWireName(String name) {
    for (ServiceKind k : values()) {
      if (k.wireName().equals(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
