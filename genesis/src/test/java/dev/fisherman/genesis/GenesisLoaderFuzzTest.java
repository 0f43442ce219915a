package dev.fisherman.genesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The genesis loader over arbitrary bytes, as an operator's file would reach it. {@code make test}
 * replays the committed inputs in {@code GenesisLoaderFuzzTestInputs/}; {@code make fuzz} mutates
 * them.
 */
class GenesisLoaderFuzzTest {
  private static final Path FILE = tempFile();

  private static Path tempFile() {
    try {
      Path f = Files.createTempFile("genesis-fuzz", ".json");
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void load(byte[] bytes) throws IOException, GenesisException {
    Files.write(FILE, bytes);
    Genesis loaded;
    try {
      loaded = GenesisLoader.load(FILE);
    } catch (GenesisException e) {
      // The one documented failure: at least one problem, each one line that names its place.
      assertThat(e.problems()).isNotEmpty();
      assertThat(e).hasMessage(e.problems().get(0).message());
      for (GenesisProblem p : e.problems()) {
        assertThat(p.message()).as("%s", p).doesNotMatch(FuzzText.CONTROL);
        if (p.path().isEmpty()) {
          assertThat(p.message()).startsWith(FILE + ": ");
        } else {
          assertThat(p.message()).startsWith(p.path() + ": ");
        }
      }
      return;
    }
    // A file that loads reads the same as its text, every time: nothing depends on the file.
    Genesis parsed = GenesisLoader.parse(new String(bytes, StandardCharsets.UTF_8), "again");
    assertThat(parsed).isEqualTo(loaded);
    assertThat(loaded.services()).isNotEmpty();
  }
}
