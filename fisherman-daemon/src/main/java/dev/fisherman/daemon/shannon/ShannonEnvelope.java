package dev.fisherman.daemon.shannon;

import dev.fisherman.core.envelope.Probe;
import dev.fisherman.core.envelope.RelayEnvelope;
import dev.fisherman.core.envelope.Unwrapped;
import dev.fisherman.core.envelope.Wrapped;
import dev.fisherman.core.probe.Attestation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.genesis.RpcType;
import dev.fisherman.shannon.crypto.GatewayKey;
import dev.fisherman.shannon.wire.HttpProbe;
import dev.fisherman.shannon.wire.RelayOutcome;
import dev.fisherman.shannon.wire.RelaySession;
import dev.fisherman.shannon.wire.RelayTarget;
import dev.fisherman.shannon.wire.SignedRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * The engine's relay envelope for one Shannon session: each probe becomes a RelayRequest for its
 * supplier, ring-signed by the gateway key, and each answer is read back as the supplier-signed
 * service response (with its {@link Attestation}), a {@code relay_error}, a {@code bad_signature}
 * or an {@code invalid_response}.
 */
public final class ShannonEnvelope implements RelayEnvelope {
  private final dev.fisherman.shannon.wire.RelayEnvelope protocol;
  private final Map<String, RelayTarget> targets;
  private final List<Map.Entry<String, String>> headers;

  private ShannonEnvelope(
      dev.fisherman.shannon.wire.RelayEnvelope protocol,
      Map<String, RelayTarget> targets,
      RpcType rpcType) {
    this.protocol = protocol;
    this.targets = targets;
    this.headers =
        List.of(
            Map.entry("Content-Type", "application/json"),
            Map.entry("Rpc-Type", Integer.toString(rpcType.number())));
  }

  /**
   * The envelope of {@code session}: relays signed as {@code gateway}, one target per servicer
   * address (its supplier operator and key), sent with {@code Rpc-Type: rpcType}. {@code random}
   * draws the ring signatures' nonces (a {@link java.security.SecureRandom} outside tests).
   */
  public static ShannonEnvelope of(
      GatewayKey gateway,
      RandomGenerator random,
      RelaySession session,
      List<RelayTarget> targets,
      RpcType rpcType) {
    Objects.requireNonNull(session, "session");
    Map<String, RelayTarget> byServicer = new LinkedHashMap<>();
    for (RelayTarget t : targets) {
      if (!t.session().equals(session)) {
        throw new IllegalArgumentException(
            "target " + t.supplierOperator() + ": another session (expected: " + session + ")");
      }
      byServicer.put(t.supplierOperator().value(), t);
    }
    return new ShannonEnvelope(
        dev.fisherman.shannon.wire.RelayEnvelope.signingAs(gateway, random),
        Map.copyOf(byServicer),
        Objects.requireNonNull(rpcType, "rpcType"));
  }

  @Override
  public String name() {
    return "shannon";
  }

  /** The servicers (supplier operator addresses) this envelope signs for. */
  public java.util.Set<String> servicers() {
    return targets.keySet();
  }

  @Override
  public Optional<Wrapped> wrap(String servicer, Probe probe) {
    RelayTarget target = targets.get(servicer);
    if (target == null) {
      return Optional.empty();
    }
    Map<String, List<String>> inner = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : probe.headers()) {
      inner.put(h.getKey(), List.of(h.getValue()));
    }
    if (probe.body().length > 0
        && inner.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
      inner.put("Content-Type", List.of("application/json"));
    }
    SignedRequest signed =
        protocol.wrap(
            target, new HttpProbe(probe.method(), inner, probe.pathAndQuery(), probe.body()));
    return Optional.of(new Wrapped(headers, signed.body()));
  }

  @Override
  public Unwrapped unwrap(String servicer, byte[] body, int offset, int length) {
    RelayTarget target = targets.get(servicer);
    if (target == null) {
      return new Unwrapped.Failed(
          Outcome.INVALID_RESPONSE, OptionalLong.empty(), "no Shannon target for " + servicer);
    }
    byte[] bytes = Arrays.copyOfRange(body, offset, offset + length);
    return switch (protocol.unwrap(target, bytes)) {
      case RelayOutcome.Answered a ->
          new Unwrapped.Answer(
              a.answer().status(),
              a.answer().body(),
              new Attestation(
                  servicer,
                  a.evidence().supplierKey().compressed(),
                  a.evidence().signableBytes(),
                  a.evidence().signature()));
      case RelayOutcome.RelayError e ->
          new Unwrapped.Failed(
              Outcome.RELAY_ERROR,
              OptionalLong.of(e.code()),
              e.codespace()
                  + "/"
                  + e.code()
                  + ": "
                  + e.description()
                  + (e.message().isEmpty() ? "" : " (" + e.message() + ")"));
      case RelayOutcome.BadSignature b ->
          new Unwrapped.Failed(
              Outcome.BAD_SIGNATURE,
              OptionalLong.empty(),
              b.reason().name().toLowerCase(Locale.ROOT)
                  + (b.detail().isEmpty() ? "" : ": " + b.detail()));
      case RelayOutcome.Malformed m ->
          new Unwrapped.Failed(
              Outcome.INVALID_RESPONSE,
              OptionalLong.empty(),
              m.detail().isEmpty() ? "not a Shannon RelayResponse" : m.detail());
    };
  }

  @Override
  public String toString() {
    return "ShannonEnvelope[" + targets.size() + " suppliers]";
  }
}
