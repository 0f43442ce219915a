package dev.fisherman.genesis;

import dev.fisherman.genesis.input.JsonReader;
import dev.fisherman.genesis.input.JsonSyntaxException;
import dev.fisherman.genesis.input.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one place a genesis file is read and validated. Strict: unknown keys, duplicate keys,
 * trailing tokens, wrong types, nulls, missing required values, out-of-range values and broken
 * cross-field rules are all errors, and every problem is reported at once, in document order, one
 * line each: {@code params.qos.relay_timeout: "2 seconds" at 7:23 (expected: a duration such as
 * 500ms or 2s)}. docs/genesis.md describes every field and rule.
 */
public final class GenesisLoader {
  /** The largest genesis file read, in bytes; real ones are a few KiB. */
  public static final int MAX_BYTES = 1024 * 1024;

  private static final String EXPECT_DOCUMENT = " (expected: a JSON genesis object)";

  private GenesisLoader() {}

  /**
   * Reads and validates the genesis file at {@code file}. A file that cannot be used as text (no
   * such file, a directory, empty, binary, larger than {@link #MAX_BYTES}, unreadable) gets exactly
   * one problem, named by {@code file} as given.
   */
  public static Genesis load(Path file) throws GenesisException {
    String name = file.toString();
    byte[] bytes = read(file, name);
    return parse(decode(bytes, name), name);
  }

  /** Validates genesis JSON given as text ({@code source} names it in messages). */
  public static Genesis parse(String json, String source) throws GenesisException {
    long bytes = utf8Length(json);
    if (bytes > MAX_BYTES) {
      throw tooLarge(source, bytes);
    }
    // A UTF-8 byte order mark is allowed, as editors on some systems write one.
    String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
    if (text.isBlank()) {
      throw GenesisProblems.single("", source + ": empty" + EXPECT_DOCUMENT);
    }
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw binary(source, utf8Length(text.substring(0, nul)));
    }
    Node root;
    try {
      root = JsonReader.read(text, JsonReader.Duplicates.KEEP);
    } catch (JsonSyntaxException e) {
      // Named by the source, not a path: the parser's path is the last value it completed,
      // which misleads when the mistake is the missing comma or brace after it.
      String at = e.pos().map(Node.Pos::toString).orElse("?");
      throw GenesisProblems.single(
          "",
          e.kind() == JsonSyntaxException.Kind.TRAILING
              ? source
                  + ": trailing content at "
                  + at
                  + " (expected: nothing after the genesis object)"
              : source + ": invalid JSON at " + at + " (" + e.detail() + ")");
    }
    return GenesisChecker.check(root, source);
  }

  private static byte[] read(Path file, String name) throws GenesisException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw GenesisProblems.single("", name + ": no such file");
    } catch (IOException e) {
      throw unreadable(name, e);
    }
    if (attributes.isDirectory()) {
      throw GenesisProblems.single("", name + ": is a directory");
    }
    // Checked before reading so a huge file is never loaded; the bounded read below covers files
    // that grow meanwhile and files (pipes, devices) whose size is unknown.
    if (attributes.isRegularFile() && attributes.size() > MAX_BYTES) {
      throw tooLarge(name, attributes.size());
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw unreadable(name, e);
    }
    if (bytes.length > MAX_BYTES) {
      throw GenesisProblems.single(
          "", name + ": more than " + MAX_BYTES + " bytes (expected: at most " + MAX_BYTES + ")");
    }
    return bytes;
  }

  private static String decode(byte[] bytes, String name) throws GenesisException {
    try {
      return JsonReader.decodeUtf8(bytes);
    } catch (JsonSyntaxException e) {
      throw binary(name, e.byteOffset());
    }
  }

  private static GenesisException binary(String name, long offset) {
    return GenesisProblems.single(
        "",
        name
            + ": binary data at byte offset "
            + offset
            + " (expected: a JSON genesis object in UTF-8 text)");
  }

  private static GenesisException tooLarge(String name, long size) {
    return GenesisProblems.single(
        "", name + ": " + size + " bytes (expected: at most " + MAX_BYTES + ")");
  }

  private static GenesisException unreadable(String name, IOException e) {
    if (e instanceof AccessDeniedException) {
      return GenesisProblems.single("", name + ": permission denied (expected: a readable file)");
    }
    // FileSystemException's message repeats the path; its reason alone is the useful part.
    String reason =
        e instanceof FileSystemException fse && fse.getReason() != null
            ? fse.getReason()
            : String.valueOf(e.getMessage());
    return GenesisProblems.single("", name + ": cannot be read: " + reason);
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
