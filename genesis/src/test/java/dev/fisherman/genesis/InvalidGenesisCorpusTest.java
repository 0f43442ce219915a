package dev.fisherman.genesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code invalid/*.json} under test resources must fail with exactly the lines in its sibling
 * {@code .expected} file, in that order.
 */
class InvalidGenesisCorpusTest {

  static Path corpus() throws URISyntaxException {
    return Path.of(InvalidGenesisCorpusTest.class.getResource("/invalid").toURI());
  }

  static Stream<String> cases() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(corpus())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parse_invalidFile_reportsExactlyTheExpectedProblems(String name) throws Exception {
    Path file = corpus().resolve(name);
    String json = Files.readString(file, StandardCharsets.UTF_8);
    List<String> expected =
        Files.readAllLines(
            file.resolveSibling(name.replaceFirst("\\.json$", ".expected")),
            StandardCharsets.UTF_8);

    GenesisException e =
        catchThrowableOfType(GenesisException.class, () -> GenesisLoader.parse(json, name));

    assertThat(e).as("%s must not load", name).isNotNull();
    assertThat(e.problems())
        .extracting(GenesisProblem::message)
        .containsExactlyElementsOf(expected);
  }

  @Test
  void corpus_holdsAtLeast25Cases() throws Exception {
    assertThat(cases().count()).isGreaterThanOrEqualTo(25);
  }
}
