package dev.fisherman.shannon.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The gateway's signing key, loaded from a file holding 64 hex characters. The file must not be
 * readable by group or others, and neither the key nor any part of the file ever appears in a
 * message or in {@link #toString()}.
 */
public final class GatewayKey {

  private static final long MAX_FILE_BYTES = 1024;

  private final PrivateKey key;

  private GatewayKey(PrivateKey key) {
    this.key = key;
  }

  /** Wraps a key held in memory (tests and the simulated network). */
  public static GatewayKey of(PrivateKey key) {
    if (key == null) {
      throw new IllegalArgumentException("gateway key: null");
    }
    return new GatewayKey(key);
  }

  /**
   * Loads the key file: 64 hex characters, surrounding whitespace allowed.
   *
   * @throws IllegalArgumentException with the file name and the reason, never its content
   */
  public static GatewayKey load(Path file) {
    String where = "gateway key file " + file;
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      throw new IllegalArgumentException(
          where + ": permissions cannot be checked (expected: a POSIX file system)");
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": cannot be read (" + e + ")");
    }
    if (perms.contains(PosixFilePermission.GROUP_READ)
        || perms.contains(PosixFilePermission.OTHERS_READ)) {
      throw new IllegalArgumentException(
          where
              + ": readable by "
              + (perms.contains(PosixFilePermission.OTHERS_READ) ? "everyone" : "its group")
              + " (expected: chmod 600 or stricter)");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(where + ": not a regular file");
    }
    String text;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new IllegalArgumentException(
            where + ": larger than " + MAX_FILE_BYTES + " bytes (expected: 64 hex characters)");
      }
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": cannot be read (" + e + ")");
    }
    try {
      return new GatewayKey(PrivateKey.fromHex(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
  }

  /** The key that signs relays. */
  public PrivateKey privateKey() {
    return key;
  }

  /** The compressed public key. */
  public PublicKey publicKey() {
    return key.publicKey();
  }

  /** The gateway address. */
  public PoktAddress address() {
    return key.address();
  }

  @Override
  public String toString() {
    return "GatewayKey[" + address() + "]";
  }
}
