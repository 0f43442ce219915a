package dev.fisherman.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/sessions/{id}} as the scenarios read it.
 *
 * @param json the whole answer, quoted in failure messages
 */
public record SessionView(
    String sessionId,
    String service,
    String state,
    int roundsPlanned,
    int roundsDone,
    List<ServicerView> servicers,
    JsonNode json) {

  /** Reads the admin API's JSON. */
  public static SessionView of(JsonNode json) {
    List<ServicerView> servicers = new ArrayList<>();
    for (JsonNode s : Json.required(json, "servicers")) {
      servicers.add(ServicerView.of(s));
    }
    return new SessionView(
        Json.required(json, "session_id").asText(),
        Json.required(json, "service").asText(),
        Json.required(json, "state").asText(),
        Json.required(json, "rounds_planned").asInt(),
        Json.required(json, "rounds_done").asInt(),
        List.copyOf(servicers),
        json);
  }

  /** Ended, and every servicer's probes (cancelled ones included) add up to the planned rounds. */
  public boolean settled() {
    return "ended".equals(state)
        && servicers.stream().allMatch(s -> s.outcomeTotal() == roundsPlanned);
  }

  /** The servicer with this address. */
  public ServicerView servicer(String address) {
    return find(address)
        .orElseThrow(() -> new AssertionError("no servicer " + address + " in " + json));
  }

  /** The servicer with this address, if the session has it. */
  public Optional<ServicerView> find(String address) {
    return servicers.stream().filter(s -> s.address().equals(address)).findFirst();
  }

  @Override
  public String toString() {
    return json.toPrettyString();
  }
}
