package dev.fisherman.genesis.input;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * The one rule for a servicer's URL, wherever it comes from (genesis, session events, the probe
 * command): {@code http} or {@code https} in lower case, a host, no user-info, no path other than
 * {@code /}, no query or fragment, a port from 1 to 65535 when one is written, and at most {@link
 * #MAX_LENGTH} characters. The relay path comes from the service, never from the URL.
 */
public final class ServicerUrl {
  /** Longest URL accepted. */
  public static final int MAX_LENGTH = 2048;

  /** What a bad URL in a genesis file is told, whatever rule it broke. */
  public static final String EXPECTED =
      "an http or https URL with a host and no path, query or fragment,"
          + " such as http://127.0.0.1:9101";

  /** The rule a URL broke, with words for it. */
  public enum Violation {
    /** Not a URI, not {@code http}/{@code https}, or no host. */
    NOT_HTTP("an http or https URL with a host"),
    /** {@code http://user:secret@host}: credentials would be sent and shown back. */
    USER_INFO("an http or https URL without user-info"),
    /** A path, query or fragment: the relay path comes from the service. */
    PATH("an http or https URL with no path, query or fragment, such as http://127.0.0.1:9101"),
    /** Port 0 or above 65535. */
    PORT("an http or https URL with a port from 1 to 65535"),
    /** Longer than {@link #MAX_LENGTH}. */
    TOO_LONG("at most " + MAX_LENGTH + " characters");

    private final String expected;

    Violation(String expected) {
      this.expected = expected;
    }

    /** The expectation a URL breaking this rule is told. */
    public String expected() {
      return expected;
    }
  }

  /** The outcome of {@link #check}. */
  public sealed interface Result permits Valid, Invalid {}

  /** A URL that follows every rule. */
  public record Valid(URI uri) implements Result {
    public Valid {
      Objects.requireNonNull(uri, "uri");
    }
  }

  /** A URL that breaks {@code violation} (the first rule checked, in the order above). */
  public record Invalid(Violation violation) implements Result {
    public Invalid {
      Objects.requireNonNull(violation, "violation");
    }
  }

  private ServicerUrl() {}

  /** Checks {@code text} against every rule. */
  public static Result check(String text) {
    if (text.length() > MAX_LENGTH) {
      return new Invalid(Violation.TOO_LONG);
    }
    URI u;
    try {
      u = new URI(text);
    } catch (URISyntaxException e) {
      return new Invalid(Violation.NOT_HTTP);
    }
    if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
      return new Invalid(Violation.NOT_HTTP);
    }
    if (u.getRawUserInfo() != null) {
      return new Invalid(Violation.USER_INFO);
    }
    String path = u.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/"))
        || u.getRawQuery() != null
        || u.getRawFragment() != null) {
      return new Invalid(Violation.PATH);
    }
    if (u.getPort() != -1 && (u.getPort() < 1 || u.getPort() > 65_535)) {
      return new Invalid(Violation.PORT);
    }
    return new Valid(u);
  }

  /**
   * The URI of a valid {@code text}.
   *
   * @throws IllegalArgumentException naming the rule it broke, the text escaped
   */
  public static URI parse(String text) {
    return switch (check(text)) {
      case Valid v -> v.uri();
      case Invalid i ->
          throw new IllegalArgumentException(
              JsonReader.quoteShort(text) + " (expected: " + i.violation().expected() + ")");
    };
  }
}
