package dev.fisherman.shannon.miner;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.fisherman.shannon.crypto.PoktAddress;
import dev.fisherman.shannon.crypto.PrivateKey;
import dev.fisherman.shannon.crypto.PublicKey;
import dev.fisherman.shannon.crypto.RingSignature;
import dev.fisherman.shannon.crypto.SupplierSignatures;
import dev.fisherman.shannon.miner.MinerBehaviour.ErrorCode;
import dev.fisherman.shannon.wire.HttpAnswer;
import dev.fisherman.shannon.wire.HttpProbe;
import dev.fisherman.shannon.wire.Signables;
import dev.fisherman.shannon.wire.proto.Header;
import dev.fisherman.shannon.wire.proto.POKTHTTPRequest;
import dev.fisherman.shannon.wire.proto.POKTHTTPResponse;
import dev.fisherman.shannon.wire.proto.RelayMinerError;
import dev.fisherman.shannon.wire.proto.RelayRequest;
import dev.fisherman.shannon.wire.proto.RelayResponse;
import dev.fisherman.shannon.wire.proto.RelayResponseMetadata;
import dev.fisherman.shannon.wire.proto.SessionHeader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** The simulated RelayMiner: checks as poktroll's does, then answers per its behaviour. */
final class DefaultSimulatedRelayMiner implements SimulatedRelayMiner {

  private static final ErrorCode INVALID_REQUEST =
      new ErrorCode("service", 1111, "invalid relay request", "");
  private static final ErrorCode BACKEND_UNREACHABLE =
      new ErrorCode("relayer_proxy", 9, "supplier(s) not reachable", "");

  private final PrivateKey supplierKey;
  private final PrivateKey wrongKey;
  private final SimulatedChain chain;
  private final Function<HttpProbe, HttpAnswer> backend;
  private volatile MinerBehaviour behaviour = MinerBehaviour.HONEST;

  DefaultSimulatedRelayMiner(
      PrivateKey supplierKey, SimulatedChain chain, Function<HttpProbe, HttpAnswer> backend) {
    if (supplierKey == null || chain == null || backend == null) {
      throw new IllegalArgumentException("relay miner: key, chain and backend are required");
    }
    this.supplierKey = supplierKey;
    this.chain = chain;
    this.backend = backend;
    // A key that is not the supplier's, derived so a simulation stays reproducible.
    this.wrongKey =
        PrivateKey.fromHex(
            HexFormat.of()
                .formatHex(
                    Signables.sha256(
                        ("wrong signature for " + supplierKey.address())
                            .getBytes(StandardCharsets.UTF_8))));
  }

  @Override
  public PoktAddress supplier() {
    return supplierKey.address();
  }

  @Override
  public void behave(MinerBehaviour behaviour) {
    if (behaviour == null) {
      throw new IllegalArgumentException("behaviour: null");
    }
    this.behaviour = behaviour;
  }

  @Override
  public MinerBehaviour behaviour() {
    return behaviour;
  }

  @Override
  public byte[] handle(byte[] requestBody) {
    MinerBehaviour mode = behaviour;
    RelayRequest request;
    try {
      request = Signables.parseRequest(requestBody);
    } catch (InvalidProtocolBufferException e) {
      return error(SessionHeader.getDefaultInstance(), INVALID_REQUEST, "cannot parse request");
    }
    SessionHeader session = request.getMeta().getSessionHeader();
    if (mode.error().isPresent()) {
      ErrorCode code = mode.error().get();
      return error(session, code, code.detail());
    }
    Optional<Refusal> refusal = check(request);
    if (refusal.isPresent()) {
      return error(session, refusal.get().code(), refusal.get().detail());
    }
    POKTHTTPRequest inner;
    try {
      inner = POKTHTTPRequest.parseFrom(request.getPayload());
    } catch (InvalidProtocolBufferException e) {
      return error(session, INVALID_REQUEST, "payload is not a POKTHTTPRequest");
    }
    HttpAnswer answer;
    try {
      answer = backend.apply(toProbe(inner));
    } catch (RuntimeException e) {
      return error(session, BACKEND_UNREACHABLE, String.valueOf(e.getMessage()));
    }
    return answer(session, answer, mode);
  }

  /** Why a relay is refused, and with which registered error. */
  private record Refusal(ErrorCode code, String detail) {
    static Optional<Refusal> of(MinerBehaviour as, String detail) {
      return Optional.of(new Refusal(as.error().orElseThrow(), detail));
    }
  }

  /** The refusal, or empty when the relay passes the RelayMiner's checks. */
  private Optional<Refusal> check(RelayRequest request) {
    if (!request.getMeta().hasSessionHeader()) {
      return Refusal.of(MinerBehaviour.MISSING_SESSION_HEADER, "missing session header");
    }
    SessionHeader header = request.getMeta().getSessionHeader();
    if (!request.getMeta().getSupplierOperatorAddress().equals(supplier().value())) {
      return Refusal.of(
          MinerBehaviour.SUPPLIER_NOT_IN_SESSION,
          "supplier " + request.getMeta().getSupplierOperatorAddress() + " is not " + supplier());
    }
    PoktAddress application;
    try {
      application = new PoktAddress(header.getApplicationAddress());
    } catch (IllegalArgumentException e) {
      return Refusal.of(MinerBehaviour.INVALID_SESSION, e.getMessage());
    }
    Optional<PublicKey> applicationKey = chain.key(application);
    if (applicationKey.isEmpty()) {
      return Refusal.of(MinerBehaviour.INVALID_SESSION, "unknown application " + application);
    }
    Set<PublicKey> allowed = new HashSet<>();
    allowed.add(applicationKey.get());
    for (PoktAddress gateway : chain.delegatees(application)) {
      chain.key(gateway).ifPresent(allowed::add);
    }
    RingSignature signature;
    try {
      signature = RingSignature.parse(request.getMeta().getSignature().toByteArray());
    } catch (IllegalArgumentException e) {
      return Refusal.of(MinerBehaviour.BAD_REQUEST_SIGNATURE, e.getMessage());
    }
    if (!allowed.containsAll(signature.ring())) {
      return Refusal.of(
          MinerBehaviour.BAD_REQUEST_SIGNATURE,
          "ring signature in the relay request does not match the expected one for the app "
              + application);
    }
    if (!signature.verify(Signables.requestHash(request))) {
      return Refusal.of(
          MinerBehaviour.BAD_REQUEST_SIGNATURE, "invalid relay request signature or bytes");
    }
    return Optional.empty();
  }

  private static HttpProbe toProbe(POKTHTTPRequest inner) {
    Map<String, List<String>> headers = new TreeMap<>();
    for (Map.Entry<String, Header> e : inner.getHeaderMap().entrySet()) {
      headers.put(e.getKey(), e.getValue().getValuesList());
    }
    return new HttpProbe(
        inner.getMethod(), headers, pathAndQuery(inner.getUrl()), inner.getBodyBz().toByteArray());
  }

  /** Only the path and query of the URL reach the service, as poktroll's RelayMiner does it. */
  static String pathAndQuery(String url) {
    try {
      URI uri = new URI(url);
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    } catch (URISyntaxException e) {
      return "/";
    }
  }

  private byte[] answer(SessionHeader session, HttpAnswer answer, MinerBehaviour mode) {
    POKTHTTPResponse.Builder inner =
        POKTHTTPResponse.newBuilder()
            .setStatusCode(answer.status())
            .setBodyBz(ByteString.copyFrom(answer.body()));
    answer
        .headers()
        .forEach(
            (k, v) -> inner.putHeader(k, Header.newBuilder().setKey(k).addAllValues(v).build()));
    byte[] payload = Signables.marshal(inner.build());
    RelayResponse unsigned =
        RelayResponse.newBuilder()
            .setMeta(RelayResponseMetadata.newBuilder().setSessionHeader(session))
            .setPayload(ByteString.copyFrom(payload))
            .setPayloadHash(ByteString.copyFrom(Signables.sha256(payload)))
            .build();
    if (mode == MinerBehaviour.UNSIGNED) {
      return Signables.marshal(unsigned);
    }
    PrivateKey signer = mode == MinerBehaviour.WRONG_SIGNATURE ? wrongKey : supplierKey;
    byte[] signature = SupplierSignatures.sign(signer, Signables.responseHash(unsigned));
    RelayResponse.Builder signed = unsigned.toBuilder();
    signed.getMetaBuilder().setSupplierOperatorSignature(ByteString.copyFrom(signature));
    if (mode == MinerBehaviour.TAMPERED_PAYLOAD) {
      POKTHTTPResponse forged =
          inner
              .setBodyBz(
                  ByteString.copyFromUtf8("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x0\"}"))
              .build();
      signed.setPayload(ByteString.copyFrom(Signables.marshal(forged)));
    }
    return Signables.marshal(signed.build());
  }

  private static byte[] error(SessionHeader session, ErrorCode code, String detail) {
    RelayResponse response =
        RelayResponse.newBuilder()
            .setMeta(RelayResponseMetadata.newBuilder().setSessionHeader(session))
            .setRelayMinerError(
                RelayMinerError.newBuilder()
                    .setCodespace(code.codespace())
                    .setCode(code.code())
                    .setDescription(code.description())
                    .setMessage(detail + ": " + code.description()))
            .build();
    return Signables.marshal(response);
  }
}
