package dev.fisherman.daemon.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The admin write token. Compared through SHA-256 digests with {@link MessageDigest#isEqual}, so
 * the comparison takes the same time whatever the presented value is, its length included.
 */
final class BearerToken {
  private final byte[] digest;

  BearerToken(String token) {
    this.digest = sha256(token);
  }

  /** Whether an {@code Authorization} header value carries this token. */
  boolean matches(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(authorization.substring(7).strip()));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
