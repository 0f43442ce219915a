package dev.fisherman.daemon.source;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Which session source to run, as {@code --source} names it. */
public sealed interface SourceSpec {
  /** What a bad {@code --source} value is told it should look like. */
  String EXPECTED = "localnet, webhook, cometbft, ndjson:PATH or ndjson:-";

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

  /**
   * Sessions of {@code applications} from a CometBFT/poktroll node: block headers over the
   * websocket under {@code rpc}, sessions from the REST API at {@code api}.
   */
  record CometBft(URI rpc, URI api, List<String> applications) implements SourceSpec {
    /** The node's RPC port when {@code --node-rpc} is not given. */
    public static final URI DEFAULT_RPC = URI.create("http://127.0.0.1:26657");

    /** The node's REST API when {@code --node-api} is not given. */
    public static final URI DEFAULT_API = URI.create("http://127.0.0.1:1317");

    public CometBft {
      Objects.requireNonNull(rpc, "rpc");
      Objects.requireNonNull(api, "api");
      applications = List.copyOf(applications);
    }

    @Override
    public String toString() {
      return "cometbft";
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
    if (text.equals("cometbft")) {
      return new CometBft(CometBft.DEFAULT_RPC, CometBft.DEFAULT_API, List.of());
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
