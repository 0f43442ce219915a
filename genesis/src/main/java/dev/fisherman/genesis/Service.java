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
 */
public record Service(
    String id,
    ServiceKind kind,
    RelayTemplate relay,
    Expect expect,
    Optional<String> chainId,
    Optional<CheckParams> checks,
    RpcType rpcType) {
  public Service {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(expect, "expect");
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(checks, "checks");
    Objects.requireNonNull(rpcType, "rpcType");
    if (!rpcType.probed()) {
      throw new IllegalArgumentException(
          "rpc_type: " + rpcType.wireName() + " (expected: json_rpc, rest or comet_bft)");
    }
    if (chainId.isPresent() && !kind.readsChain()) {
      throw new IllegalArgumentException(
          "chain_id: with kind " + kind.wireName() + " (expected: evm, cometbft or solana)");
    }
  }

  /** A service reached as {@code json_rpc} on Shannon supplier endpoints. */
  public Service(
      String id,
      ServiceKind kind,
      RelayTemplate relay,
      Expect expect,
      Optional<String> chainId,
      Optional<CheckParams> checks) {
    this(id, kind, relay, expect, chainId, checks, RpcType.JSON_RPC);
  }

  /** A generic JSON-RPC service ({@code jsonrpc} kind) with no chain id and no override. */
  public Service(String id, RelayTemplate relay, Expect expect) {
    this(id, ServiceKind.JSONRPC, relay, expect, Optional.empty(), Optional.empty());
  }
}
