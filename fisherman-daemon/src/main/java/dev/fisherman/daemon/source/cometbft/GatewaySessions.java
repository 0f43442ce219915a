package dev.fisherman.daemon.source.cometbft;

import dev.fisherman.core.envelope.Probe;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.daemon.shannon.ShannonEnvelope;
import dev.fisherman.genesis.RpcType;
import dev.fisherman.shannon.crypto.GatewayKey;
import dev.fisherman.shannon.crypto.PoktAddress;
import dev.fisherman.shannon.crypto.PrivateKey;
import dev.fisherman.shannon.crypto.PublicKey;
import dev.fisherman.shannon.wire.RelaySession;
import dev.fisherman.shannon.wire.RelayTarget;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readies a chain session for Shannon relays signed as the gateway: checks over the node's REST API
 * that the application delegated to the gateway, looks up the public keys of the application and of
 * each supplier operator (cached: an account's key never changes), and builds the session's {@link
 * ShannonEnvelope}. Loop-confined, like the source that owns it.
 */
final class GatewaySessions {
  static final String APPLICATION_PATH = "/pokt-network/poktroll/application/application/";
  static final String ACCOUNT_PATH = "/cosmos/auth/v1beta1/accounts/";

  private static final Logger log = LoggerFactory.getLogger(GatewaySessions.class);

  /** What became of a session. */
  sealed interface Result {}

  /** Ready to probe: the envelope and the servicers it signs for. */
  record Ready(ShannonEnvelope envelope, List<SessionServicer> servicers) implements Result {}

  /**
   * Not probed: why. {@code undelegated} when the application has not delegated to the gateway (as
   * opposed to the node failing to say).
   */
  record Refused(String reason, boolean undelegated) implements Result {}

  private final EventLoop loop;
  private final SessionQueries http;
  private final GatewayKey gateway;
  private final RandomGenerator signingRandom;
  private final Backoff backoff;
  private final int attempts;
  private final Map<String, PublicKey> keys = new HashMap<>();

  GatewaySessions(
      EventLoop loop,
      SessionQueries http,
      GatewayKey gateway,
      RandomGenerator signingRandom,
      Backoff backoff,
      int attempts) {
    this.loop = loop;
    this.http = http;
    this.gateway = gateway;
    this.signingRandom = signingRandom;
    this.backoff = backoff;
    this.attempts = attempts;
  }

  /**
   * Signs one throwaway relay, so that the first round of the first session does not pay for
   * loading and initialising the curve arithmetic (hundreds of milliseconds on a cold JVM, which
   * would count as the round's lateness).
   */
  void warmUp() {
    PrivateKey stranger = PrivateKey.fromHex("01".repeat(32));
    RelaySession session = new RelaySession(stranger.address(), "warm-up", "warm-up", 1, 1);
    RelayTarget target =
        new RelayTarget(session, stranger.publicKey(), stranger.address(), stranger.publicKey());
    ShannonEnvelope.of(gateway, signingRandom, session, List.of(target), RpcType.JSON_RPC)
        .wrap(
            stranger.address().value(),
            new Probe("POST", "/", List.of(), "{}".getBytes(StandardCharsets.US_ASCII)));
  }

  /** The gateway's address. */
  String gatewayAddress() {
    return gateway.address().value();
  }

  /**
   * Readies {@code s}, whose probe targets are {@code servicers}, for relays of {@code rpcType}.
   */
  Future<Result> prepare(
      NodeReplies.ChainSession s, List<SessionServicer> servicers, RpcType rpcType) {
    Promise<Result> done = loop.newPromise();
    fetch(
        APPLICATION_PATH + s.application(),
        1,
        reply -> {
          if (reply.status() == 404) {
            done.setSuccess(
                new Refused("application " + s.application() + " is not on chain", true));
            return;
          }
          NodeReplies.Delegations d;
          try {
            d = NodeReplies.delegations(reply.body());
          } catch (NodeReplyException e) {
            done.setSuccess(new Refused("application query: " + e.getMessage(), false));
            return;
          }
          if (!d.allows(gatewayAddress())) {
            done.setSuccess(
                new Refused(
                    "application "
                        + s.application()
                        + " has not delegated to gateway "
                        + gatewayAddress()
                        + " (delegatee_gateway_addresses: "
                        + d.delegatees()
                        + ")",
                    true));
            return;
          }
          List<String> accounts = new ArrayList<>();
          accounts.add(s.application());
          servicers.forEach(sv -> accounts.add(sv.address()));
          keys(accounts, 0, done, () -> build(s, servicers, rpcType, done));
        },
        why -> done.setSuccess(new Refused("application query: " + why, false)));
    return done;
  }

  private void build(
      NodeReplies.ChainSession s,
      List<SessionServicer> servicers,
      RpcType rpcType,
      Promise<Result> done) {
    PublicKey appKey = keys.get(s.application());
    if (appKey == null) {
      done.setSuccess(
          new Refused("application " + s.application() + " has no public key on chain", false));
      return;
    }
    RelaySession session;
    try {
      session =
          new RelaySession(
              new PoktAddress(s.application()),
              s.service(),
              s.sessionId(),
              s.startHeight(),
              s.endHeight());
    } catch (IllegalArgumentException e) {
      done.setSuccess(new Refused("session header: " + e.getMessage(), false));
      return;
    }
    List<RelayTarget> targets = new ArrayList<>();
    List<SessionServicer> probed = new ArrayList<>();
    for (SessionServicer sv : servicers) {
      PublicKey key = keys.get(sv.address());
      if (key == null) {
        log.warn(
            "cometbft: supplier {} of session {} skipped: no public key on chain, its answers"
                + " cannot be verified",
            sv.address(),
            s.sessionId());
        continue;
      }
      try {
        targets.add(new RelayTarget(session, appKey, new PoktAddress(sv.address()), key));
        probed.add(sv);
      } catch (IllegalArgumentException e) {
        log.warn("cometbft: supplier {} skipped: {}", sv.address(), e.getMessage());
      }
    }
    if (probed.isEmpty()) {
      done.setSuccess(new Refused("no supplier with a public key on chain", false));
      return;
    }
    try {
      done.setSuccess(
          new Ready(ShannonEnvelope.of(gateway, signingRandom, session, targets, rpcType), probed));
    } catch (IllegalArgumentException e) {
      done.setSuccess(new Refused(e.getMessage(), false));
    }
  }

  /** Looks up the keys of {@code accounts} from {@code index} on, then runs {@code then}. */
  private void keys(List<String> accounts, int index, Promise<Result> done, Runnable then) {
    if (index == accounts.size()) {
      then.run();
      return;
    }
    String address = accounts.get(index);
    if (keys.containsKey(address)) {
      keys(accounts, index + 1, done, then);
      return;
    }
    fetch(
        ACCOUNT_PATH + address,
        1,
        reply -> {
          if (reply.status() == 200) {
            try {
              Optional<byte[]> key = NodeReplies.publicKey(reply.body());
              if (key.isPresent()) {
                PublicKey k = PublicKey.fromCompressed(key.get());
                if (k.address().value().equals(address)) {
                  keys.put(address, k);
                } else {
                  log.warn("cometbft: account {} answered the key of {}", address, k.address());
                }
              }
            } catch (NodeReplyException | IllegalArgumentException e) {
              log.warn("cometbft: account {}: {}", address, e.getMessage());
            }
          }
          keys(accounts, index + 1, done, then);
        },
        why -> {
          log.warn("cometbft: account {} not read: {}", address, why);
          keys(accounts, index + 1, done, then);
        });
  }

  /** GETs {@code path}, retrying I/O errors and 5xx with backoff; 2xx and 4xx are answers. */
  private void fetch(
      String path, int attempt, Consumer<SessionQueries.Reply> answer, Consumer<String> failed) {
    http.get(path)
        .addListener(
            f -> {
              String why;
              if (f.isSuccess()) {
                SessionQueries.Reply r = (SessionQueries.Reply) f.getNow();
                if (r.status() < 500) {
                  answer.accept(r);
                  return;
                }
                why = "HTTP " + r.status();
              } else {
                why = String.valueOf(f.cause().getMessage());
              }
              if (attempt >= attempts) {
                failed.accept(why + " after " + attempt + " attempts");
                return;
              }
              Duration wait = backoff.delay(attempt);
              loop.schedule(
                  () -> fetch(path, attempt + 1, answer, failed),
                  wait.toNanos(),
                  TimeUnit.NANOSECONDS);
            });
  }
}
