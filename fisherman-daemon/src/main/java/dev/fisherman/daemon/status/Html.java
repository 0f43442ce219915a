package dev.fisherman.daemon.status;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping for the status page: every string from a servicer or a session goes through here. */
public final class Html {
  private Html() {}

  /**
   * {@code text} safe inside an element or a quoted attribute: {@code & < > " '} become entities.
   */
  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String entity =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (entity != null) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(entity);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /** {@code value} as one URL path segment (percent-encoded, spaces as {@code %20}), escaped. */
  public static String segment(String value) {
    return escape(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
  }
}
