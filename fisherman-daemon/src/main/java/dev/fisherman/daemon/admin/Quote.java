package dev.fisherman.daemon.admin;

import com.fasterxml.jackson.databind.node.TextNode;

/** Quotes a client-supplied value for an error message, escaped and cut to a readable length. */
final class Quote {
  private static final int MAX = 80;

  private Quote() {}

  static String of(String value) {
    String shown = value.length() <= MAX ? value : value.substring(0, MAX - 3) + "...";
    return TextNode.valueOf(shown).toString();
  }
}
