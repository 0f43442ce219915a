package dev.fisherman.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarksDocTest {
  private static final Machine MACHINE =
      new Machine("Test CPU", 2, "8.0 GiB", "6.1.0", "JDK 25", "Linux");

  private static BenchmarksDoc doc() {
    return new BenchmarksDoc(MACHINE, "abc123")
        .bar(
            new Figure(
                "admin p99",
                "ms",
                Optional.of(Bar.atMost(10, "<= 10 ms")),
                List.of(12.0, 14.0, 11.0),
                "rendering",
                "render less"))
        .bar(
            new Figure(
                "start to ready",
                "s",
                Optional.of(Bar.atMost(1.5, "<= 1.5 s")),
                List.of(1.0, 1.1, 1.2),
                "class loading",
                "unused"))
        .command("make bench");
  }

  @Test
  void write_newFile_hasTheTableAndAMissedBarLine() throws Exception {
    Path file = Files.createTempDirectory("doc").resolve("benchmarks.md");
    doc().write(file);
    String text = Files.readString(file);
    assertThat(text)
        .contains("| admin p99 | 11.0 ms | 12.0 ms | 14.0 ms | <= 10 ms | **miss** |")
        .contains("| start to ready | 1.00 s | 1.10 s | 1.20 s | <= 1.5 s | pass |")
        .contains("- **admin p99**: render less\n")
        .doesNotContain("unused")
        .contains("| CPU | Test CPU |");
  }

  @Test
  void write_existingFile_keepsTheHandWrittenSection(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("benchmarks.md");
    Files.writeString(
        file,
        "# old\n\n"
            + BenchmarksDoc.HAND_START
            + "\n\n## Profile\n\nThe time goes to X.\n\n"
            + BenchmarksDoc.HAND_END
            + "\n");
    doc().write(file);
    String text = Files.readString(file);
    assertThat(text).doesNotContain("# old").contains("## Profile\n\nThe time goes to X.\n");
    assertThat(text.indexOf(BenchmarksDoc.HAND_START)).isGreaterThan(text.indexOf("## Machine"));
  }
}
