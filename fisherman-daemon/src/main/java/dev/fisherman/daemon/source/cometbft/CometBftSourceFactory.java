package dev.fisherman.daemon.source.cometbft;

import dev.fisherman.daemon.shannon.RelayProtocol;
import dev.fisherman.daemon.source.SessionSource;
import dev.fisherman.daemon.source.SourceContext;
import dev.fisherman.daemon.source.SourceFactory;
import dev.fisherman.daemon.source.SourceOption;
import dev.fisherman.daemon.source.SourceOptions;
import dev.fisherman.daemon.source.SourceSpec;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.shannon.crypto.GatewayKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code --source cometbft}: sessions of the {@code --application}s from the node at {@code
 * --node-rpc} (block headers) and {@code --node-api} (session queries). Supplier endpoints of each
 * service's genesis {@code rpc_type} are probed; with {@code --gateway-key-file} as Shannon relays
 * signed as that gateway ({@code --relay-protocol} overrides).
 */
public final class CometBftSourceFactory implements SourceFactory {
  /** {@code --node-rpc URL}: the node's CometBFT RPC; the websocket is {@code /websocket}. */
  public static final SourceOption NODE_RPC =
      new SourceOption(
          "--node-rpc",
          "URL",
          "The node's CometBFT RPC for --source cometbft (default: "
              + CometBftSource.Builder.DEFAULT_RPC
              + ").",
          false,
          Optional.of(CometBftSource.Builder.DEFAULT_RPC.toString()));

  /** {@code --node-api URL}: the node's REST API (session queries). */
  public static final SourceOption NODE_API =
      new SourceOption(
          "--node-api",
          "URL",
          "The node's REST API for --source cometbft (default: "
              + CometBftSource.Builder.DEFAULT_API
              + ").",
          false,
          Optional.of(CometBftSource.Builder.DEFAULT_API.toString()));

  /** {@code --application ADDRESS}: an application whose sessions are probed; repeatable. */
  public static final SourceOption APPLICATION =
      new SourceOption(
          "--application",
          "ADDRESS",
          "An application whose sessions --source cometbft probes; at least one. Repeatable.",
          true,
          Optional.empty());

  /** {@code --gateway-key-file FILE}: the gateway key Shannon relays are signed with. */
  public static final SourceOption GATEWAY_KEY_FILE =
      new SourceOption(
          "--gateway-key-file",
          "FILE",
          "The gateway key (64 hex characters, a file only its owner may read) that --source"
              + " cometbft signs Shannon relays with; relays are then Shannon relays.",
          false,
          Optional.empty());

  /** {@code --relay-protocol direct|shannon}: overrides the choice the gateway key makes. */
  public static final SourceOption RELAY_PROTOCOL =
      new SourceOption(
          "--relay-protocol",
          "direct|shannon",
          "How --source cometbft relays travel (default: shannon with --gateway-key-file, else"
              + " direct).",
          false,
          Optional.empty());

  @Override
  public String kind() {
    return CometBftSource.NAME;
  }

  @Override
  public String usage() {
    return CometBftSource.NAME;
  }

  @Override
  public boolean accepts(SourceSpec spec) {
    return spec.argument().isEmpty();
  }

  @Override
  public List<SourceOption> options() {
    return List.of(NODE_RPC, NODE_API, APPLICATION, GATEWAY_KEY_FILE, RELAY_PROTOCOL);
  }

  @Override
  public void validate(SourceSpec spec, Genesis genesis, SourceOptions options) {
    configure(CometBftSource.builder(genesis), options);
  }

  @Override
  public SessionSource create(SourceSpec spec, SourceContext context) {
    return configure(CometBftSource.builder(context.genesis()), context.options())
        .eventLoops(context.eventLoops())
        .meters(context.meters())
        .clock(context.clock())
        .build();
  }

  /** The builder with the options applied; each bad value is an IllegalArgumentException. */
  static CometBftSource.Builder configure(CometBftSource.Builder b, SourceOptions options) {
    b.rpc(uri(NODE_RPC, options.value(NODE_RPC).orElseThrow()));
    b.api(uri(NODE_API, options.value(NODE_API).orElseThrow()));
    List<String> apps = options.values(APPLICATION);
    if (apps.isEmpty()) {
      throw new IllegalArgumentException(
          "--application: none (expected: at least one application address with --source"
              + " cometbft)");
    }
    apps.forEach(b::application);
    options.value(GATEWAY_KEY_FILE).ifPresent(f -> b.gateway(GatewayKey.load(Path.of(f))));
    options.value(RELAY_PROTOCOL).ifPresent(p -> b.relayProtocol(RelayProtocol.parse(p)));
    b.check();
    return b;
  }

  private static URI uri(SourceOption option, String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          option.name()
              + ": \""
              + NodeReplies.quote(text, 120)
              + "\" (expected: an http or https URL)");
    }
  }
}
