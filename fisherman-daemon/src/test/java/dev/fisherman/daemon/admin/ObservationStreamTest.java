package dev.fisherman.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.core.qos.Verdicts;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.core.store.SessionState;
import dev.fisherman.core.store.SessionSummary;
import dev.fisherman.daemon.testing.Http;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ObservationStreamTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final int ROUNDS = 300;

  private static dev.fisherman.core.qos.ServicerQos qos(String address) {
    return new dev.fisherman.core.qos.ServicerQos(
        address,
        URI.create("http://127.0.0.1:9001"),
        ROUNDS,
        Map.of(Outcome.OK, (long) ROUNDS),
        OptionalDouble.of(1.0),
        Optional.empty(),
        Optional.empty(),
        new Verdicts(Verdicts.Available.YES, Verdicts.Latency.LOW),
        OptionalLong.empty());
  }

  private static Observation observation(String servicer, int round) {
    return new Observation(
        "s-1",
        servicer,
        round,
        T0.plusSeconds(round),
        0,
        OptionalLong.empty(),
        OptionalLong.of(1_000_000),
        2_000_000,
        Outcome.OK,
        OptionalInt.of(200),
        OptionalLong.empty(),
        ProbeFacts.NONE,
        "");
  }

  @Test
  void chunks_carryTheReportThenEveryObservation_roundThenSessionOrder_neverSplittingALine() {
    SessionReport report =
        new SessionReport(
            new SessionSummary(
                "s-1", "eth", T0, T0.plusSeconds(600), SessionState.ACTIVE, ROUNDS, ROUNDS, 2),
            List.of(qos("z-first"), qos("a-second")));
    // Recorded out of order (rounds complete on different loops), servicers in either order.
    List<Observation> recorded = new ArrayList<>();
    for (int r = ROUNDS - 1; r >= 0; r--) {
      recorded.add(observation("a-second", r));
      recorded.add(observation("z-first", r));
    }
    ObservationStream stream = new ObservationStream(report, recorded);

    List<String> chunks = new ArrayList<>();
    ByteBuf chunk;
    while ((chunk = stream.readChunk(UnpooledByteBufAllocator.DEFAULT)) != null) {
      chunks.add(chunk.toString(StandardCharsets.UTF_8));
      chunk.release();
    }

    assertThat(stream.isEndOfInput()).isTrue();
    assertThat(chunks).hasSizeGreaterThan(1);
    assertThat(chunks).allSatisfy(c -> assertThat(c).endsWith("\n"));
    String[] lines = String.join("", chunks).split("\n");
    assertThat(lines).hasSize(1 + 2 * ROUNDS);
    assertThat(Http.json(lines[0]).get("session_id").asText()).isEqualTo("s-1");
    for (int i = 1; i < lines.length; i++) {
      JsonNode o = Http.json(lines[i]);
      assertThat(o.get("round").asInt()).isEqualTo((i - 1) / 2);
      assertThat(o.get("servicer").asText()).isEqualTo(i % 2 == 1 ? "z-first" : "a-second");
    }
  }

  @Test
  void noObservations_isTheReportLineAlone() {
    SessionReport report =
        new SessionReport(
            new SessionSummary("s-1", "eth", T0, T0.plusSeconds(60), SessionState.ACTIVE, 4, 0, 1),
            List.of(qos("a")));
    ObservationStream stream = new ObservationStream(report, List.of());
    ByteBuf only = stream.readChunk(UnpooledByteBufAllocator.DEFAULT);
    assertThat(only.toString(StandardCharsets.UTF_8))
        .startsWith("{\"session_id\":\"s-1\"")
        .endsWith("}\n");
    only.release();
    assertThat(stream.isEndOfInput()).isTrue();
    assertThat(stream.readChunk(UnpooledByteBufAllocator.DEFAULT)).isNull();
  }
}
