package dev.fisherman.genesis.input;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The project's strict reader of outside input: checks a {@link Node} tree read by {@link
 * JsonReader} and reports every problem to its {@link Problems} with the field's JSON path, the
 * value as written (escaped) and what was expected. Unknown keys, duplicate keys, wrong types and
 * nulls where a value is required are all problems.
 *
 * <p>Each reader method returns the checked value, or {@code null} after reporting why not, so it
 * can be passed to {@link Fields#required} and {@link Fields#optional} as {@code this::bool} or a
 * lambda. A checker combines values only when none is {@code null}.
 */
public final class StrictReader {
  /** What a key written twice is told. */
  public static final String E_DUPLICATE_KEY = "each key at most once";

  /** What a value that must be a boolean is told. */
  public static final String E_BOOLEAN = "true or false";

  private final Problems problems;

  public StrictReader(Problems problems) {
    this.problems = Objects.requireNonNull(problems, "problems");
  }

  public Problems problems() {
    return problems;
  }

  // ---- objects --------------------------------------------------------------------------------

  /**
   * Checks that {@code node} is an object with only {@code keys}, each once, reporting every
   * unknown and duplicate key; returns its fields, or null (reported, told {@code expected}) when
   * it is not an object.
   */
  public Fields object(String path, Node node, Keys keys, String expected) {
    if (!(node instanceof Node.Obj obj)) {
      problems.value(path, node, expected);
      return null;
    }
    Map<String, Node.Member> first = new HashMap<>();
    for (Node.Member m : obj.members()) {
      String p = JsonReader.child(path, m.key());
      if (!keys.keys().contains(m.key())) {
        problems.key(p, m.keyPos(), "unknown key", keys.oneOf());
      } else if (first.putIfAbsent(m.key(), m) != null) {
        problems.key(p, m.keyPos(), "duplicate key", E_DUPLICATE_KEY);
      }
    }
    return new Fields(problems, path, obj.pos(), obj.end(), first);
  }

  /**
   * Like {@link #object}, for the replies of a service fisherman does not own (a node's REST API,
   * its websocket events): keys it does not read are ignored, since such replies gain fields from
   * one version to the next. Duplicate keys are still reported.
   */
  public Fields reply(String path, Node node, String expected) {
    if (!(node instanceof Node.Obj obj)) {
      problems.value(path, node, expected);
      return null;
    }
    Map<String, Node.Member> first = new HashMap<>();
    for (Node.Member m : obj.members()) {
      if (first.putIfAbsent(m.key(), m) != null) {
        problems.key(JsonReader.child(path, m.key()), m.keyPos(), "duplicate key", E_DUPLICATE_KEY);
      }
    }
    return new Fields(problems, path, obj.pos(), obj.end(), first);
  }

  /**
   * The fields of an object that is not written at all, so each optional field takes its default;
   * {@code order} is where it would have been written.
   */
  public Fields absent(String path, Node.Pos order) {
    return new Fields(problems, path, order, order, Map.of());
  }

  // ---- scalars --------------------------------------------------------------------------------

  /** A string matching {@code pattern} (any string when it is null). */
  public String text(String path, Node node, Pattern pattern, String expected) {
    if (node instanceof Node.Scalar s
        && s.kind() == Node.Kind.STRING
        && (pattern == null || pattern.matcher(s.text()).matches())) {
      return s.text();
    }
    problems.value(path, node, expected);
    return null;
  }

  /** The string {@code node} holds, or empty text when it is not a string. */
  public static String stringOrEmpty(Node node) {
    return node instanceof Node.Scalar s && s.kind() == Node.Kind.STRING ? s.text() : "";
  }

  /** {@code parsed} of a string, e.g. an enum looked up by its wire name. */
  public <T> T choice(String path, Node node, Optional<T> parsed, String expected) {
    if (parsed.isPresent() && node instanceof Node.Scalar s && s.kind() == Node.Kind.STRING) {
      return parsed.get();
    }
    problems.value(path, node, expected);
    return null;
  }

  /** An integer written without a fraction or exponent, from {@code min} to {@code max}. */
  public Integer integer(String path, Node node, int min, int max, String expected) {
    Long v = longInteger(path, node, min, max, expected);
    return v == null ? null : Math.toIntExact(v);
  }

  /** An integer written without a fraction or exponent, from {@code min} to {@code max}. */
  public Long longInteger(String path, Node node, long min, long max, String expected) {
    if (node instanceof Node.Scalar s && s.kind() == Node.Kind.INTEGER) {
      BigInteger v = new BigInteger(s.text());
      if (v.compareTo(BigInteger.valueOf(min)) >= 0 && v.compareTo(BigInteger.valueOf(max)) <= 0) {
        return v.longValueExact();
      }
    }
    problems.value(path, node, expected);
    return null;
  }

  /** A number from 0 to 1. */
  public Double fraction(String path, Node node, String expected) {
    if (node instanceof Node.Scalar s
        && (s.kind() == Node.Kind.INTEGER || s.kind() == Node.Kind.DECIMAL)) {
      BigDecimal v = new BigDecimal(s.text());
      if (v.signum() >= 0 && v.compareTo(BigDecimal.ONE) <= 0) {
        return v.doubleValue();
      }
    }
    problems.value(path, node, expected);
    return null;
  }

  /** {@code true} or {@code false}. */
  public Boolean bool(String path, Node node) {
    if (node instanceof Node.Scalar s
        && (s.kind() == Node.Kind.TRUE || s.kind() == Node.Kind.FALSE)) {
      return s.kind() == Node.Kind.TRUE;
    }
    problems.value(path, node, E_BOOLEAN);
    return null;
  }

  /**
   * A {@link Durations human duration} such as {@code 500ms}; one that is not is told {@link
   * Durations#EXPECTED}, a well-formed one outside {@code range} is told {@code rangeExpected}.
   */
  public Duration duration(
      String path, Node node, Predicate<Duration> range, String rangeExpected) {
    if (node instanceof Node.Scalar s && s.kind() == Node.Kind.STRING) {
      Duration d;
      try {
        d = Durations.parse(s.text());
      } catch (IllegalArgumentException e) {
        problems.value(path, node, Durations.EXPECTED);
        return null;
      }
      if (range.test(d)) {
        return d;
      }
      problems.value(path, node, rangeExpected);
      return null;
    }
    problems.value(path, node, Durations.EXPECTED);
    return null;
  }

  /**
   * A string that follows {@link ServicerUrl}'s rules; one that does not is told {@code
   * expected.apply(violation)}, and one that is not a string {@code expected.apply(NOT_HTTP)}.
   */
  public URI url(String path, Node node, Function<ServicerUrl.Violation, String> expected) {
    String text = text(path, node, null, expected.apply(ServicerUrl.Violation.NOT_HTTP));
    if (text == null) {
      return null;
    }
    return switch (ServicerUrl.check(text)) {
      case ServicerUrl.Valid v -> v.uri();
      case ServicerUrl.Invalid i -> {
        problems.value(path, node, expected.apply(i.violation()));
        yield null;
      }
    };
  }
}
