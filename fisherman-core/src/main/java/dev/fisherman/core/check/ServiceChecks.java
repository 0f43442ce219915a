package dev.fisherman.core.check;

import dev.fisherman.genesis.JsonRpcReads;
import dev.fisherman.genesis.RelayTemplate;
import dev.fisherman.genesis.Service;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a service's kind asks and reads in each kind of round: the sampling request's check, the
 * request for a block identifier at a height (integrity rounds) and the request for the chain id
 * (chain rounds). The extra requests carry the sampling relay's headers and path so they look like
 * ordinary traffic.
 *
 * <table>
 *   <caption>Requests per kind</caption>
 *   <tr><th>kind</th><th>height</th><th>block identifier at n</th><th>chain id</th></tr>
 *   <tr><td>evm</td><td>{@code eth_blockNumber}</td>
 *       <td>{@code eth_getBlockByNumber(n, false)}, {@code result.hash}</td>
 *       <td>{@code eth_chainId}</td></tr>
 *   <tr><td>cometbft</td><td>{@code GET /status}, {@code result.sync_info.latest_block_height}</td>
 *       <td>{@code GET /block?height=n}, {@code result.block_id.hash}</td>
 *       <td>{@code GET /status}, {@code result.node_info.network}</td></tr>
 *   <tr><td>solana</td><td>{@code getSlot}</td>
 *       <td>{@code getBlock(n)} without transactions, {@code result.blockhash}</td>
 *       <td>{@code getGenesisHash}</td></tr>
 *   <tr><td>jsonrpc</td><td>{@code reads.height}, else a hex quantity result</td>
 *       <td>{@code reads.block_id}</td><td>{@code reads.chain_id}</td></tr>
 * </table>
 */
public final class ServiceChecks {
  private static final JsonRpcCheck COMETBFT_STATUS =
      new JsonRpcCheck(
          JsonRpcCheck.ResultReader.tree(
              "/sync_info/latest_block_height", null, "/node_info/network"));
  private static final JsonRpcCheck SOLANA_SLOT =
      new JsonRpcCheck(JsonRpcCheck.ResultReader.INTEGER_HEIGHT);
  private static final JsonRpcCheck CHAIN_STRING =
      new JsonRpcCheck(JsonRpcCheck.ResultReader.STRING_CHAIN);
  private static final JsonRpcCheck EVM_BLOCK =
      new JsonRpcCheck(JsonRpcCheck.ResultReader.tree(null, "/hash", null));
  private static final JsonRpcCheck COMETBFT_BLOCK =
      new JsonRpcCheck(JsonRpcCheck.ResultReader.tree(null, "/block_id/hash", null));
  private static final JsonRpcCheck SOLANA_BLOCK =
      new JsonRpcCheck(JsonRpcCheck.ResultReader.tree(null, "/blockhash", null));

  private final Service service;
  private final ResponseCheck sampling;

  private ServiceChecks(Service service) {
    this.service = service;
    this.sampling = samplingCheck(service);
  }

  /** The checks of {@code service}. */
  public static ServiceChecks of(Service service) {
    return new ServiceChecks(Objects.requireNonNull(service, "service"));
  }

  private static ResponseCheck samplingCheck(Service service) {
    if (!service.expect().jsonrpcResult()) {
      return StatusCheck.OK_2XX;
    }
    if (service.reads().isPresent()) {
      // Operator-named reads: the height where reads.height points, nothing without it.
      return service
          .reads()
          .get()
          .height()
          .map(h -> new JsonRpcCheck(JsonRpcCheck.ResultReader.pointer(h.pointer(), null, null)))
          .orElse(JsonRpcCheck.NO_FACTS);
    }
    return switch (service.kind()) {
      case EVM, JSONRPC -> JsonRpcCheck.HEX_RESULT_IS_HEIGHT;
      case COMETBFT -> COMETBFT_STATUS;
      case SOLANA -> SOLANA_SLOT;
      case HTTP -> JsonRpcCheck.NO_FACTS;
    };
  }

  /** The check of the sampling request. */
  public ResponseCheck sampling() {
    return sampling;
  }

  /** Whether the kind can ask for a block identifier and a chain id. */
  public boolean readsIdentifiers() {
    return service.readsBlockId();
  }

  /** The request for the block identifier at {@code height}; empty for a kind that has none. */
  public Optional<Request> integrity(long height) {
    if (height < 0) {
      throw new IllegalArgumentException("height: " + height + " (expected: >= 0)");
    }
    return switch (service.kind()) {
      case EVM ->
          Optional.of(
              jsonRpc(
                  "eth_getBlockByNumber",
                  "[\"0x" + Long.toHexString(height) + "\",false]",
                  EVM_BLOCK));
      case SOLANA ->
          Optional.of(
              jsonRpc(
                  "getBlock",
                  "["
                      + height
                      + ",{\"encoding\":\"json\",\"transactionDetails\":\"none\",\"rewards\":false,"
                      + "\"maxSupportedTransactionVersion\":0}]",
                  SOLANA_BLOCK));
      case COMETBFT -> Optional.of(get("/block?height=" + height, COMETBFT_BLOCK));
      case JSONRPC ->
          service
              .reads()
              .flatMap(JsonRpcReads::blockId)
              .map(
                  r ->
                      jsonRpc(
                          r.method(),
                          r.params(height),
                          new JsonRpcCheck(
                              JsonRpcCheck.ResultReader.pointer(null, r.pointer(), null))));
      case HTTP -> Optional.empty();
    };
  }

  /** The request for the chain id; empty for a kind that has none. */
  public Optional<Request> chain() {
    return switch (service.kind()) {
      case EVM -> Optional.of(jsonRpc("eth_chainId", "[]", CHAIN_STRING));
      case SOLANA -> Optional.of(jsonRpc("getGenesisHash", "[]", CHAIN_STRING));
      case COMETBFT -> Optional.of(get("/status", COMETBFT_STATUS));
      case JSONRPC ->
          service
              .reads()
              .flatMap(JsonRpcReads::chainId)
              .map(
                  r ->
                      jsonRpc(
                          r.method(),
                          r.params(),
                          new JsonRpcCheck(
                              JsonRpcCheck.ResultReader.pointer(null, null, r.pointer()))));
      case HTTP -> Optional.empty();
    };
  }

  private Request jsonRpc(String method, String params, ResponseCheck check) {
    RelayTemplate relay = service.relay();
    String body =
        "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":1}";
    String verb =
        relay.method().equals("GET") || relay.method().equals("HEAD") ? "POST" : relay.method();
    return new Request(
        new RelayTemplate(verb, relay.path(), relay.headers(), Optional.of(body)), check);
  }

  private Request get(String path, ResponseCheck check) {
    return new Request(
        new RelayTemplate("GET", path, service.relay().headers(), Optional.empty()), check);
  }

  /**
   * Whether chain id {@code reported} is the {@code expected} one: equal as numbers when both are
   * integers (hex {@code 0x1} or decimal {@code 1}), else equal as text ignoring case.
   */
  public static boolean sameChain(String expected, String reported) {
    Optional<BigInteger> a = number(expected);
    Optional<BigInteger> b = number(reported);
    if (a.isPresent() && b.isPresent()) {
      return a.get().equals(b.get());
    }
    return expected.equalsIgnoreCase(reported);
  }

  private static Optional<BigInteger> number(String s) {
    String t = s.toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("0x") && t.length() > 2 && t.length() <= 66) {
        return Optional.of(new BigInteger(t.substring(2), 16));
      }
      if (!t.isEmpty() && t.length() <= 78 && t.chars().allMatch(Character::isDigit)) {
        return Optional.of(new BigInteger(t));
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** A request of a check round and the check that reads its answer. */
  public record Request(RelayTemplate relay, ResponseCheck check) {
    public Request {
      Objects.requireNonNull(relay, "relay");
      Objects.requireNonNull(check, "check");
    }
  }
}
