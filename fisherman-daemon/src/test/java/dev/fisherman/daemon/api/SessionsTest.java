package dev.fisherman.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Session session(String id, String... available) {
    List<ServicerQos> servicers = new ArrayList<>();
    for (int i = 0; i < available.length; i++) {
      servicers.add(
          new ServicerQos(
              "s" + i,
              new QosFigures(
                  URI.create("http://127.0.0.1:900" + i),
                  1,
                  Map.of(),
                  OptionalDouble.of(1.0),
                  Optional.empty(),
                  Optional.empty(),
                  new QosFigures.Verdicts(available[i], "unknown"),
                  OptionalLong.empty())));
    }
    return new Session(id, "eth", T0, T0.plusSeconds(60), "active", 60, 1, servicers);
  }

  @Test
  void judged_trueWhenEveryServicerHasAnAvailabilityVerdict() {
    assertThat(session("s", "yes", "no").judged()).isTrue();
  }

  @Test
  void judged_falseWhileAnyServicerIsUnknown() {
    assertThat(session("s", "unknown").judged()).isFalse();
    assertThat(session("s", "yes", "unknown").judged()).isFalse();
  }

  @Test
  void judged_falseWithoutServicers() {
    assertThat(session("s").judged()).isFalse();
  }

  @Test
  void newestJudged_skipsTheUnjudgedNewest() {
    Map<String, Session> byId =
        Map.of("new", session("new", "unknown"), "old", session("old", "yes"));
    assertThat(
            Sessions.newestJudged(List.of("new", "old"), id -> Optional.of(byId.get(id)), 3)
                .map(Session::sessionId))
        .contains("old");
  }

  @Test
  void newestJudged_fallsBackToTheNewest_andLooksNoFurtherThanTheLimit() {
    List<String> looked = new ArrayList<>();
    Optional<Session> chosen =
        Sessions.newestJudged(
            List.of("a", "b", "c"),
            id -> {
              looked.add(id);
              return Optional.of(session(id, id.equals("c") ? "yes" : "unknown"));
            },
            2);
    assertThat(chosen.map(Session::sessionId)).contains("a");
    assertThat(looked).containsExactly("a", "b");
  }

  @Test
  void newestJudged_skipsSessionsNoLongerRetained() {
    assertThat(
            Sessions.newestJudged(
                    List.of("gone", "kept"),
                    id -> id.equals("gone") ? Optional.empty() : Optional.of(session(id, "no")),
                    10)
                .map(Session::sessionId))
        .contains("kept");
  }
}
