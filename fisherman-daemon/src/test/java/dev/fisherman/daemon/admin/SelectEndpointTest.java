package dev.fisherman.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.reputation.ReputationState;
import dev.fisherman.core.reputation.Selected;
import dev.fisherman.core.reputation.ServicerReputation;
import dev.fisherman.daemon.testing.TestGenesis;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/services/{service}/select}: the rendering and the request checks. */
class SelectEndpointTest {
  private final List<Integer> asked = new ArrayList<>();

  /** A servicer in state ok with {@code score}, as selection hands it out. */
  static ServicerReputation ok(String address, int score) {
    return new ServicerReputation(
        address,
        score,
        ReputationState.OK,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(0),
        List.of());
  }

  private AdminResponse get(List<Selected> answer, String service, Map<String, List<String>> q) {
    SelectEndpoint endpoint =
        new SelectEndpoint(
            (s, n) -> {
              asked.add(n);
              return answer;
            },
            TestGenesis.twoServicers());
    return endpoint.select(
        new AdminRequest(
            HttpMethod.GET,
            "/v1/services/" + service + "/select",
            List.of(service),
            q,
            new DefaultHttpHeaders(),
            new byte[0],
            null));
  }

  private static String body(AdminResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8).strip();
  }

  @Test
  void select_rendersTheSelectedWithUrlAndScore() {
    AdminResponse r =
        get(
            List.of(new Selected(URI.create("http://127.0.0.1:9101"), ok("a", 97))),
            "eth",
            Map.of("n", List.of("2")));

    assertThat(r.status().code()).isEqualTo(200);
    assertThat(body(r))
        .isEqualTo(
            "{\"service\":\"eth\",\"servicers\":[{\"address\":\"a\",\"url\":"
                + "\"http://127.0.0.1:9101\",\"score\":97}]}");
    assertThat(asked).containsExactly(2);
  }

  @Test
  void select_withoutN_asksForOne() {
    get(List.of(), "eth", Map.of());

    assertThat(asked).containsExactly(1);
  }

  @Test
  void select_noneQualifies_is503WithAJsonError() {
    AdminResponse r = get(List.of(), "eth", Map.of());

    assertThat(r.status().code()).isEqualTo(503);
    assertThat(body(r))
        .isEqualTo(
            "{\"error\":\"service: \\\"eth\\\" has no servicer to select (expected: a servicer of"
                + " an active session in state ok)\",\"field\":\"service\"}");
  }

  @Test
  void select_badN_is400AndNeverAsks() {
    for (String n : List.of("0", "101", "x", "-1", "")) {
      AdminResponse r = get(List.of(), "eth", Map.of("n", List.of(n)));
      assertThat(r.status().code()).as(n).isEqualTo(400);
      assertThat(body(r)).contains("(expected: one integer from 1 to 100)");
    }
    assertThat(asked).isEmpty();
  }

  @Test
  void select_unknownService_is404() {
    AdminResponse r = get(List.of(), "nope", Map.of());

    assertThat(r.status().code()).isEqualTo(404);
    assertThat(asked).isEmpty();
  }
}
