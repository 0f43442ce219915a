package dev.fisherman.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenesisCommandTest {
  static final Path EXAMPLES = Path.of("..", "genesis", "examples");

  @TempDir Path dir;

  /** One run of the real command tree with captured output. */
  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = FishermanCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void validate_localnetExample_printsOkAndExitsZero() {
    Run r = run("genesis", "validate", EXAMPLES.resolve("localnet.json").toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("OK: localnet, 1 service, 7 servicers" + System.lineSeparator());
    assertThat(r.err()).isEmpty();
  }

  @Test
  void validate_mainnetLikeExample_countsServicesAndServicers() {
    Run r = run("genesis", "validate", EXAMPLES.resolve("mainnet-like.json").toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .isEqualTo("OK: pocket-mainnet-like, 4 services, 4 servicers" + System.lineSeparator());
  }

  @Test
  void validate_invalidGenesis_printsEveryProblemToStderrAndExitsTwo() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("bad.json"),
            """
            {
              "chain_id": "x",
              "params": {
                "session": { "blocks_per_session": 4, "block_time": "15s" },
                "qos": { "probes": 3, "relay_timeout": "2 seconds" }
              },
              "services": []
            }
            """);

    Run r = run("genesis", "validate", file.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .containsExactly(
            "params.qos.probes: unknown key at 5:14 (expected: one of probes_per_session,"
                + " distribution, start_delay, relay_timeout, high_latency, min_availability,"
                + " min_samples, connection, max_response_bytes, retention_sessions)",
            "params.qos.relay_timeout: \"2 seconds\" at 5:44 (expected: a duration such as 500ms"
                + " or 2s)",
            "services: [] at 7:15 (expected: a non-empty array of services)");
  }

  @Test
  void validate_missingFile_printsOneLine() {
    Path file = dir.resolve("nope.json");

    Run r = run("genesis", "validate", file.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(file + ": no such file" + System.lineSeparator());
  }

  @Test
  void validate_directory_printsOneLine() {
    Run r = run("genesis", "validate", dir.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(dir + ": is a directory" + System.lineSeparator());
  }

  @Test
  void validate_emptyFile_printsOneLine() throws Exception {
    Path file = Files.createFile(dir.resolve("empty.json"));

    Run r = run("genesis", "validate", file.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(file + ": empty (expected: a JSON genesis object)" + System.lineSeparator());
  }

  @Test
  void validate_binaryFile_printsOneLine() throws Exception {
    Path file = Files.write(dir.resolve("blob.bin"), new byte[] {'{', (byte) 0xC3, '(', '}'});

    Run r = run("genesis", "validate", file.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            file
                + ": binary data at byte offset 1 (expected: a JSON genesis object in UTF-8 text)"
                + System.lineSeparator());
  }

  @Test
  void validate_fiftyMegabyteFile_printsOneLine() throws Exception {
    Path file = dir.resolve("huge.json");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(50L * 1024 * 1024); // sparse, so the test writes nothing to disk
    }

    Run r = run("genesis", "validate", file.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(file + ": 52428800 bytes (expected: at most 1048576)" + System.lineSeparator());
  }

  @Test
  void validate_withoutFile_isBadUsage() {
    Run r = run("genesis", "validate");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("Missing required parameter: 'FILE'");
    assertThat(r.err()).doesNotContain("Exception");
  }

  @Test
  void genesis_withoutSubcommand_printsUsageToStderrAndExitsTwo() {
    Run r = run("genesis");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("Usage: fisherman genesis").contains("validate");
  }

  @Test
  void validateHelp_documentsExitCodes() {
    Run r = run("genesis", "validate", "--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Usage: fisherman genesis validate")
        .contains("Exit codes:")
        .contains("the genesis file is valid")
        .contains("bad usage or bad genesis");
  }

  @Test
  void topLevelHelp_listsTheGenesisCommand() {
    Run r = run("--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).containsPattern("(?m)^\\s+genesis\\s+Work with genesis files\\.$");
  }
}
