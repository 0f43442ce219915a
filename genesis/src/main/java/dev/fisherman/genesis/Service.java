package dev.fisherman.genesis;

import java.util.Objects;
import java.util.Optional;

/**
 * A chain or API id ({@code eth}, {@code 0021}) with its kind, the relay every sampling probe of it
 * sends and the rules its responses must meet.
 *
 * @param kind what the service speaks; decides how height, block identifier and chain id are read
 * @param chainId the chain every servicer must serve, checked once per session when set
 * @param checks this service's check parameters, when it overrides {@code params.checks}
 * @param rpcType how the service is reached on a Shannon supplier endpoint ({@code rpc_type})
 * @param reads what a {@code jsonrpc} service's answers tell, as the operator names it
 */
public record Service(
    String id,
    ServiceKind kind,
    RelayTemplate relay,
    Expect expect,
    Optional<String> chainId,
    Optional<CheckParams> checks,
    RpcType rpcType,
    Optional<JsonRpcReads> reads) {
  public Service {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(expect, "expect");
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(checks, "checks");
    Objects.requireNonNull(rpcType, "rpcType");
    Objects.requireNonNull(reads, "reads");
    if (!rpcType.probed()) {
      throw new IllegalArgumentException(
          "rpc_type: " + rpcType.wireName() + " (expected: json_rpc, rest or comet_bft)");
    }
    if (reads.isPresent() && kind != ServiceKind.JSONRPC) {
      throw new IllegalArgumentException(
          "reads: with kind " + kind.wireName() + " (expected: kind jsonrpc)");
    }
    if (chainId.isPresent()
        && !kind.readsChain()
        && reads.flatMap(JsonRpcReads::chainId).isEmpty()) {
      throw new IllegalArgumentException(
          "chain_id: with kind "
              + kind.wireName()
              + " (expected: evm, cometbft, solana, or jsonrpc with reads.chain_id)");
    }
  }

  /** A service reached as {@code json_rpc} on Shannon supplier endpoints, with no reads. */
  public Service(
      String id,
      ServiceKind kind,
      RelayTemplate relay,
      Expect expect,
      Optional<String> chainId,
      Optional<CheckParams> checks) {
    this(id, kind, relay, expect, chainId, checks, RpcType.JSON_RPC, Optional.empty());
  }

  /** A service with its {@code rpc_type} and no operator-named reads. */
  public Service(
      String id,
      ServiceKind kind,
      RelayTemplate relay,
      Expect expect,
      Optional<String> chainId,
      Optional<CheckParams> checks,
      RpcType rpcType) {
    this(id, kind, relay, expect, chainId, checks, rpcType, Optional.empty());
  }

  /** A service reached as {@code json_rpc}, with operator-named reads. */
  public Service(
      String id,
      ServiceKind kind,
      RelayTemplate relay,
      Expect expect,
      Optional<String> chainId,
      Optional<CheckParams> checks,
      Optional<JsonRpcReads> reads) {
    this(id, kind, relay, expect, chainId, checks, RpcType.JSON_RPC, reads);
  }

  /** Whether the service can be asked for its chain id. */
  public boolean readsChainId() {
    return kind.readsChain() || reads.flatMap(JsonRpcReads::chainId).isPresent();
  }

  /** Whether the service can be asked for a block identifier at a height (integrity rounds). */
  public boolean readsBlockId() {
    return kind.readsChain() || reads.flatMap(JsonRpcReads::blockId).isPresent();
  }

  /** A generic JSON-RPC service ({@code jsonrpc} kind) with no chain id and no override. */
  public Service(String id, RelayTemplate relay, Expect expect) {
    this(id, ServiceKind.JSONRPC, relay, expect, Optional.empty(), Optional.empty());
  }
}
