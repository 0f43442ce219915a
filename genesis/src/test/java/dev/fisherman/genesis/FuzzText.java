package dev.fisherman.genesis;

import java.util.regex.Pattern;

/** What fuzz tests look for in text meant for a log line or a terminal. */
final class FuzzText {
  /**
   * Any raw control character (C0, DEL, C1) or line/paragraph separator: one found in a message
   * could forge a log line or drive a terminal.
   */
  static final Pattern CONTROL = Pattern.compile("(?s).*[\\p{Cc}\\u2028\\u2029].*");

  private FuzzText() {}
}
