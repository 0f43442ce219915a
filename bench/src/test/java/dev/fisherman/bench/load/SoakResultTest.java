package dev.fisherman.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakResultTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String SHUTDOWN =
      "2026-01-01T00:10:00Z INFO  Daemon - shutdown: planned=120 recorded=100 cancelled=20";

  /** Ten minutes of samples; file descriptors grow by {@code fdsPerMinute}, the rest saw-tooth. */
  private static List<Soak.Sample> samples(double fdsPerMinute) {
    List<Soak.Sample> s = new ArrayList<>();
    for (int i = 0; i <= 120; i++) {
      double minute = i / 12.0;
      double saw = (i % 6) * 5.0;
      s.add(new Soak.Sample(minute, 20 + saw, 20, 1.4, 12, 1000 + fdsPerMinute * minute, 3));
    }
    return s;
  }

  @Test
  void judge_flatSeriesAndBalancedAccounting_passes() {
    SoakResult r = SoakResult.judge(samples(0), SHUTDOWN, 10, 10, T0);

    assertThat(r.trends()).allSatisfy(t -> assertThat(t.flat()).as(t.name()).isTrue());
    assertThat(r.trends().get(3).slope()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.planned()).isEqualTo(120);
    assertThat(r.accounted()).isTrue();
    assertThat(r.passed()).isTrue();
  }

  @Test
  void judge_fileDescriptorsGrowing_fails() {
    SoakResult r = SoakResult.judge(samples(30), SHUTDOWN, 10, 10, T0);

    assertThat(r.trends().get(3).slope()).isCloseTo(30, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(r.trends().get(3).flat()).isFalse();
    assertThat(r.passed()).isFalse();
  }

  @Test
  void judge_unbalancedOrMissingShutdownLine_fails() {
    assertThat(
            SoakResult.judge(
                    samples(0), SHUTDOWN.replace("cancelled=20", "cancelled=19"), 10, 10, T0)
                .passed())
        .isFalse();
    assertThat(SoakResult.judge(samples(0), "", 10, 10, T0).accounted()).isFalse();
  }

  @Test
  void sum_addsTheSamplesWhoseLabelsMatch() {
    String m =
        """
        # HELP jvm_memory_used_bytes x
        jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1024.0
        jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2048.0
        jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 4096.0
        jvm_threads_live_threads 12.0
        """;

    assertThat(Soak.sum(m, "jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(3072.0);
    assertThat(Soak.sum(m, "jvm_threads_live_threads", "")).isEqualTo(12.0);
    assertThat(Soak.sum(m, "jvm_buffer_memory_used_bytes", "")).isZero();
  }

  @Test
  void session_faultsOnlyInOddSessions_eachServicerItsOwnAddress() {
    int[] ports = {1, 2, 3, 4};
    String even = Soak.session(0, ports);
    String odd = Soak.session(1, ports);

    assertThat(even).doesNotContain(":2\"", ":3\"", ":4\"");
    assertThat(odd.split(":3\"", -1)).hasSize(Soak.SERVICERS / 10 + 1);
    assertThat(even).contains("http://127.0.1.1:1\"", "http://127.0.4.250:1\"");
  }
}
