package dev.fisherman.genesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link GenesisLoader#load} says about files that cannot be a genesis at all. */
class GenesisFileTest {
  @TempDir Path dir;

  static List<String> loadProblems(Path file) {
    GenesisException e =
        catchThrowableOfType(GenesisException.class, () -> GenesisLoader.load(file));
    assertThat(e).as("expected %s to be rejected", file).isNotNull();
    return e.problems().stream().map(GenesisProblem::message).toList();
  }

  @Test
  void load_missingFile_isNoSuchFile() {
    Path file = dir.resolve("nope.json");

    assertThat(loadProblems(file)).containsExactly(file + ": no such file");
  }

  @Test
  void load_directory_isADirectory() {
    assertThat(loadProblems(dir)).containsExactly(dir + ": is a directory");
  }

  @Test
  void load_emptyFile_isEmpty() throws Exception {
    Path file = Files.createFile(dir.resolve("empty.json"));

    assertThat(loadProblems(file))
        .containsExactly(file + ": empty (expected: a JSON genesis object)");
  }

  @Test
  void load_binaryFile_isBinaryAtTheFirstBadByte() throws Exception {
    // A PNG signature: 0x89 is never the first byte of a UTF-8 sequence.
    Path file =
        Files.write(
            dir.resolve("logo.json"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a});

    assertThat(loadProblems(file))
        .containsExactly(
            file
                + ": binary data at byte offset 0 (expected: a JSON genesis object in UTF-8 text)");
  }

  @Test
  void load_overlongNulOrUtf16_isBinary() throws Exception {
    Path overlong =
        Files.write(dir.resolve("overlong.json"), new byte[] {'{', '"', (byte) 0xC0, (byte) 0x80});
    Path utf16 =
        Files.write(
            dir.resolve("utf16.json"),
            "{\"chain_id\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16));

    assertThat(loadProblems(overlong))
        .containsExactly(
            overlong
                + ": binary data at byte offset 2 (expected: a JSON genesis object in UTF-8 text)");
    assertThat(loadProblems(utf16))
        .containsExactly(
            utf16
                + ": binary data at byte offset 0 (expected: a JSON genesis object in UTF-8 text)");
  }

  @Test
  void load_hostileKeyAndValue_areEscapedInEveryProblem() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("hostile.json"),
            "{\"chain_id\":\"a\\u001b[2J\",\"x\\n2026 ERROR FAKE\\u2028\":1}");

    List<String> problems = loadProblems(file);

    assertThat(problems)
        .contains(
            "chain_id: \"a\\u001B[2J\" at 1:13 (expected: a chain id: 1 to 64 letters, digits,"
                + " '.', '_' or '-', starting with a letter or digit)",
            "[\"x\\n2026 ERROR FAKE\\u2028\"]: unknown key at 1:26 (expected: one of chain_id,"
                + " params, services, servicers)");
    assertThat(String.join("", problems)).doesNotContain("\n", "\u001b", "\u2028");
  }

  @Test
  void load_validUtf8WithNulBytes_isBinary() throws Exception {
    Path file = Files.write(dir.resolve("nul.json"), new byte[] {'{', ' ', 0, 0, '}'});

    assertThat(loadProblems(file))
        .containsExactly(
            file
                + ": binary data at byte offset 2 (expected: a JSON genesis object in UTF-8 text)");
  }

  @Test
  void load_badUtf8BeforeANulByte_isBinaryAtTheEarlierOne() throws Exception {
    Path file = Files.write(dir.resolve("mixed.json"), new byte[] {'{', (byte) 0xFF, 0, '}'});

    assertThat(loadProblems(file))
        .containsExactly(
            file
                + ": binary data at byte offset 1 (expected: a JSON genesis object in UTF-8 text)");
  }

  @Test
  void load_fiftyMegabyteFile_isRejectedBySizeWithoutReadingIt() throws Exception {
    Path file = dir.resolve("huge.json");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(50L * 1024 * 1024); // sparse: no 50 MB written to disk
    }

    assertThat(loadProblems(file))
        .containsExactly(file + ": 52428800 bytes (expected: at most 1048576)");
  }

  @Test
  void load_fileExactlyAtTheCap_isReadAndParsed() throws Exception {
    Path file = dir.resolve("cap.json");
    String body = "{}";
    Files.writeString(file, body + " ".repeat(GenesisLoader.MAX_BYTES - body.length()));

    assertThat(loadProblems(file))
        .containsExactly(
            "chain_id: missing (expected: a chain id: 1 to 64 letters, digits, '.', '_' or '-',"
                + " starting with a letter or digit)",
            "params: missing (expected: an object with session, qos, checks, self_check, limits and reputation)",
            "services: missing (expected: a non-empty array of services)");
  }

  @Test
  void load_pathThroughARegularFile_isNoSuchFile() throws Exception {
    Path file = Files.writeString(dir.resolve("plain.json"), "{}").resolve("child.json");

    assertThat(loadProblems(file)).containsExactly(file + ": no such file");
  }

  @Test
  void load_syntaxError_isNamedByTheFileAsGiven() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.json"), "{\n  \"chain_id\": }\n");

    assertThat(loadProblems(file))
        .containsExactly(
            file
                + ": invalid JSON at 2:15 (Unexpected character ('}' (code 125)): expected a"
                + " value)");
  }
}
