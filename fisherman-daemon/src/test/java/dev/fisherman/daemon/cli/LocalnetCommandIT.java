package dev.fisherman.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalnetCommandIT {
  @Test
  void localnet_withinFifteenSeconds_downIsUnavailableAndSlowHasHighLatency() {
    long start = System.nanoTime();
    Cli cli = Cli.run("localnet", "--admin", "127.0.0.1:0", "--interval", "1", "--for", "12");
    assertThat(cli.exitCode).as(cli.err()).isZero();
    String out = cli.out();
    assertThat(out)
        .contains("fisherman localnet: simulated servicers")
        .contains("down: nothing listening")
        .containsPattern("admin: http://127\\.0\\.0\\.1:\\d+");
    List<String> lines = out.lines().toList();
    assertThat(lines)
        .anyMatch(l -> l.matches("down\\s+\\d+\\s+0\\.0%.*available: no\\s+.*refused=\\d+"));
    assertThat(lines).anyMatch(l -> l.matches("healthy-slow\\s+\\d+\\s+100\\.0%.*latency: high.*"));
    assertThat(lines)
        .anyMatch(
            l -> l.matches("healthy-fast\\s+\\d+\\s+100\\.0%.*available: yes\\s+latency: low.*"));
    assertThat(out).containsPattern("stopped: planned=(\\d+) recorded=\\d+ cancelled=\\d+");
    var m =
        java.util.regex.Pattern.compile("stopped: planned=(\\d+) recorded=(\\d+) cancelled=(\\d+)")
            .matcher(out);
    assertThat(m.find()).isTrue();
    assertThat(Long.parseLong(m.group(1)))
        .isEqualTo(Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)));
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(java.time.Duration.ofSeconds(25));
  }
}
