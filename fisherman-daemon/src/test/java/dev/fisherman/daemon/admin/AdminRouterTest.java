package dev.fisherman.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminRouterTest {
  @Test
  void segments_splitAndDecodeEachOneOnItsOwn() {
    assertThat(AdminRouter.segments("/v1/sessions/a%2Fb")).containsExactly("v1", "sessions", "a/b");
    assertThat(AdminRouter.segments("/a+b/c%20d")).containsExactly("a b", "c d");
    assertThat(AdminRouter.segments("/")).containsExactly("");
    assertThat(AdminRouter.segments("/v1//x/")).containsExactly("v1", "", "x", "");
    assertThat(AdminRouter.segments("/bad%zz")).isNull();
    assertThat(AdminRouter.segments("v1/sessions")).isNull();
  }

  @Test
  void segments_thatAreRouteWords_areTheWordsThemselves_andTheRestAreDecoded() {
    String select = "select";
    String[] literals = {"v1", "services", select};

    List<String> path = AdminRouter.segments("/v1/services/eth%2Fx/select", literals);

    assertThat(path).containsExactly("v1", "services", "eth/x", "select");
    assertThat(path.get(3)).isSameAs(select);
    assertThat(AdminRouter.segments("/v1/service/selected", literals))
        .containsExactly("v1", "service", "selected");
    assertThat(AdminRouter.segments("/v1/%73elect", literals)).containsExactly("v1", "select");
    assertThat(AdminRouter.segments("/v1/bad%zz", literals)).isNull();
  }

  @Test
  void route_matchesLiteralsAndNonEmptyWildcards_andReturnsTheWildcardsInOrder() {
    AdminRouter.Route route =
        AdminRouter.Route.of(
            "session_servicer", "/v1/sessions/*/servicers/*", Map.of(HttpMethod.GET, r -> null));

    assertThat(route.match(AdminRouter.segments("/v1/sessions/s1/servicers/pokt1")))
        .containsExactly("s1", "pokt1");
    assertThat(route.match(AdminRouter.segments("/v1/sessions//servicers/pokt1"))).isNull();
    assertThat(route.match(AdminRouter.segments("/v1/sessions/s1/servicer/pokt1"))).isNull();
    assertThat(route.match(AdminRouter.segments("/v1/sessions/s1"))).isNull();
    assertThat(
            AdminRouter.Route.of("healthz", "/healthz", Map.of(HttpMethod.GET, r -> null))
                .match(List.of("healthz")))
        .isEmpty();
  }
}
