package dev.fisherman.daemon.source;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --source ndjson:PATH} follows a file; {@code ndjson:-} reads standard input. */
final class NdjsonFactory implements SourceFactory {
  private static final String STDIN = "-";

  @Override
  public String kind() {
    return NdjsonLines.KIND;
  }

  @Override
  public String usage() {
    return "ndjson:PATH or ndjson:-";
  }

  @Override
  public boolean accepts(SourceSpec spec) {
    return spec.argument().filter(a -> !a.isEmpty()).isPresent();
  }

  @Override
  public void validate(
      SourceSpec spec, dev.fisherman.genesis.Genesis genesis, SourceOptions options) {
    String argument = spec.argument().orElseThrow();
    if (!argument.equals(STDIN) && !Files.isRegularFile(Path.of(argument))) {
      throw new IllegalArgumentException(
          "source: " + spec + " (expected: an existing file, or ndjson:- for standard input)");
    }
  }

  @Override
  public SessionSource create(SourceSpec spec, SourceContext context) {
    String argument = spec.argument().orElseThrow();
    if (argument.equals(STDIN)) {
      return new NdjsonStreamSource(context.stdin(), context.parser(), context.meters());
    }
    return new NdjsonFileSource(
        Path.of(argument),
        context.parser(),
        context.meters(),
        context.timer(),
        context.pollInterval());
  }
}
