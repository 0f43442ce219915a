package dev.fisherman.e2e.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A session-start event as the webhook and the ndjson source take it: {@code session_id}, {@code
 * service}, {@code duration} and the servicers. The window is always a duration here (heights would
 * convert through genesis {@code block_time}), so scenarios control it exactly.
 *
 * @param sessionId unique per scenario, so scenarios sharing a daemon stay independent
 * @param duration the session window in genesis duration text, e.g. {@code 4s}
 */
public record SessionEvent(
    String sessionId, String service, String duration, List<Member> servicers) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Validates every field. */
  public SessionEvent {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(duration, "duration");
    servicers = List.copyOf(servicers);
  }

  /** One servicer of the session. */
  public record Member(String address, URI url) {
    /** Validates every field. */
    public Member {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(url, "url");
    }
  }

  /** An {@code eth} session of {@code duration} with no servicers yet; the id gets a suffix. */
  public static SessionEvent named(String name, String duration) {
    String id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    return new SessionEvent(id, "eth", duration, List.of());
  }

  /** This event with one more servicer. */
  public SessionEvent with(String address, URI url) {
    List<Member> more = new ArrayList<>(servicers);
    more.add(new Member(address, url));
    return new SessionEvent(sessionId, service, duration, more);
  }

  /** The event as one line of JSON. */
  public String json() {
    ObjectNode node = JSON.createObjectNode();
    node.put("session_id", sessionId);
    node.put("service", service);
    node.put("duration", duration);
    ArrayNode members = node.putArray("servicers");
    for (Member m : servicers) {
      members.addObject().put("address", m.address()).put("url", m.url().toString());
    }
    return node.toString();
  }
}
