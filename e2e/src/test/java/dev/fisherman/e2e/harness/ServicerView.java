package dev.fisherman.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One servicer's QoS in one session as the admin API reports it.
 *
 * @param outcomes observations per outcome class, as named on the wire ({@code ok}, {@code reset})
 * @param availabilityCi95 {@code [low, high]}, empty when the daemon reports none yet
 * @param p50 median latency of ok probes in ms, empty before the first ok
 * @param available the {@code verdicts.available} text
 * @param latency the {@code verdicts.latency} text
 */
public record ServicerView(
    String address,
    String url,
    long probes,
    Map<String, Long> outcomes,
    OptionalDouble availability,
    Optional<double[]> availabilityCi95,
    OptionalDouble p50,
    String available,
    String latency,
    JsonNode json) {

  static ServicerView of(JsonNode json) {
    Map<String, Long> outcomes = new TreeMap<>();
    JsonNode outcomeNode = Json.required(json, "outcomes");
    for (Map.Entry<String, JsonNode> e : outcomeNode.properties()) {
      outcomes.put(e.getKey(), e.getValue().asLong());
    }
    JsonNode ci = json.path("availability_ci95");
    JsonNode latencyMs = json.path("latency_ms");
    JsonNode verdicts = Json.required(json, "verdicts");
    return new ServicerView(
        Json.required(json, "address").asText(),
        Json.required(json, "url").asText(),
        Json.required(json, "probes").asLong(),
        Map.copyOf(outcomes),
        Json.number(json.path("availability")),
        ci.isArray() && ci.size() == 2
            ? Optional.of(new double[] {ci.get(0).asDouble(), ci.get(1).asDouble()})
            : Optional.empty(),
        Json.number(latencyMs.path("p50")),
        Json.required(verdicts, "available").asText(),
        Json.required(verdicts, "latency").asText(),
        json);
  }

  /**
   * One verdict by name ({@code available}, {@code latency}, {@code synced}, {@code consistent},
   * {@code chain}), or {@code "(absent)"} when the daemon does not report it.
   */
  public String verdict(String name) {
    JsonNode v = json.path("verdicts").path(name);
    return v.isTextual() ? v.asText() : "(absent)";
  }

  /** Observations of one outcome class, 0 when the class never happened. */
  public long outcome(String name) {
    return outcomes.getOrDefault(name, 0L);
  }

  /** The sum over every outcome class. */
  public long outcomeTotal() {
    return outcomes.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
