package dev.fisherman.daemon.source;

import java.nio.file.Path;
import java.util.Objects;

/** Which session source to run, as {@code --source} names it. */
public sealed interface SourceSpec {
  /** What a bad {@code --source} value is told it should look like. */
  String EXPECTED = "localnet, webhook, ndjson:PATH or ndjson:-";

  /** The genesis servicers on the session-length cadence. */
  record Localnet() implements SourceSpec {
    @Override
    public String toString() {
      return "localnet";
    }
  }

  /** {@code POST /v1/sessions} on the admin port. */
  record Webhook() implements SourceSpec {
    @Override
    public String toString() {
      return "webhook";
    }
  }

  /** A followed ndjson file. */
  record NdjsonFile(Path file) implements SourceSpec {
    public NdjsonFile {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
      return "ndjson:" + file;
    }
  }

  /** ndjson on standard input. */
  record NdjsonStdin() implements SourceSpec {
    @Override
    public String toString() {
      return "ndjson:-";
    }
  }

  /**
   * Parses a {@code --source} value.
   *
   * @throws IllegalArgumentException if it names no source
   */
  static SourceSpec parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.equals("localnet")) {
      return new Localnet();
    }
    if (text.equals("webhook")) {
      return new Webhook();
    }
    if (text.equals("ndjson:-")) {
      return new NdjsonStdin();
    }
    if (text.startsWith("ndjson:") && text.length() > "ndjson:".length()) {
      return new NdjsonFile(Path.of(text.substring("ndjson:".length())));
    }
    throw new IllegalArgumentException("\"" + text + "\" (expected: " + EXPECTED + ")");
  }
}
