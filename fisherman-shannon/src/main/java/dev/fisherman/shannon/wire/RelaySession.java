package dev.fisherman.shannon.wire;

import dev.fisherman.shannon.crypto.PoktAddress;
import dev.fisherman.shannon.wire.proto.SessionHeader;

/** The session header a relay travels under: application, service, session id and heights. */
public record RelaySession(
    PoktAddress application, String serviceId, String sessionId, long startHeight, long endHeight) {

  public RelaySession {
    if (application == null) {
      throw new IllegalArgumentException("session.application: null (expected: a pokt address)");
    }
    if (serviceId == null || serviceId.isEmpty()) {
      throw new IllegalArgumentException("session.service_id: empty (expected: a service id)");
    }
    if (sessionId == null || sessionId.isEmpty()) {
      throw new IllegalArgumentException("session.session_id: empty (expected: a session id)");
    }
    if (startHeight < 1) {
      throw new IllegalArgumentException(
          "session.start_height: " + startHeight + " (expected: >= 1)");
    }
    if (endHeight < startHeight) {
      throw new IllegalArgumentException(
          "session.end_height: " + endHeight + " (expected: >= start_height " + startHeight + ")");
    }
  }

  /** The protobuf header. */
  public SessionHeader toWire() {
    return SessionHeader.newBuilder()
        .setApplicationAddress(application.value())
        .setServiceId(serviceId)
        .setSessionId(sessionId)
        .setSessionStartBlockHeight(startHeight)
        .setSessionEndBlockHeight(endHeight)
        .build();
  }
}
