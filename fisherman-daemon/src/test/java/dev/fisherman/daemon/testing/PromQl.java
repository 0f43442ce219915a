package dev.fisherman.daemon.testing;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads the metric names a PromQL expression selects: every identifier that is not a function, an
 * aggregation, a keyword, a label name (inside {@code {...}} or a {@code by}/{@code without}/{@code
 * on}/{@code ignoring}/{@code group_left}/{@code group_right} list), a string, a number, a duration
 * or a Grafana variable ({@code $service}, {@code $__rate_interval}).
 */
public final class PromQl {
  private static final Set<String> AGGREGATIONS =
      Set.of(
          "sum",
          "min",
          "max",
          "avg",
          "group",
          "stddev",
          "stdvar",
          "count",
          "count_values",
          "bottomk",
          "topk",
          "quantile",
          "limitk",
          "limit_ratio");

  private static final Set<String> FUNCTIONS =
      Set.of(
          "abs",
          "absent",
          "absent_over_time",
          "acos",
          "acosh",
          "asin",
          "asinh",
          "atan",
          "atanh",
          "avg_over_time",
          "ceil",
          "changes",
          "clamp",
          "clamp_max",
          "clamp_min",
          "cos",
          "cosh",
          "count_over_time",
          "days_in_month",
          "day_of_month",
          "day_of_week",
          "day_of_year",
          "deg",
          "delta",
          "deriv",
          "exp",
          "floor",
          "histogram_avg",
          "histogram_count",
          "histogram_fraction",
          "histogram_quantile",
          "histogram_stddev",
          "histogram_stdvar",
          "histogram_sum",
          "holt_winters",
          "hour",
          "idelta",
          "increase",
          "irate",
          "label_join",
          "label_replace",
          "last_over_time",
          "ln",
          "log10",
          "log2",
          "mad_over_time",
          "max_over_time",
          "min_over_time",
          "minute",
          "month",
          "pi",
          "predict_linear",
          "present_over_time",
          "quantile_over_time",
          "rad",
          "rate",
          "resets",
          "round",
          "scalar",
          "sgn",
          "sin",
          "sinh",
          "sort",
          "sort_by_label",
          "sort_by_label_desc",
          "sort_desc",
          "sqrt",
          "stddev_over_time",
          "stdvar_over_time",
          "sum_over_time",
          "tan",
          "tanh",
          "time",
          "timestamp",
          "vector",
          "year");

  /** Keywords followed by a parenthesised list of label names. */
  private static final Set<String> GROUPING =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "offset", "bool", "atan2", "inf", "nan", "start", "end");

  private PromQl() {}

  /**
   * The metric names {@code expr} selects, in order of appearance.
   *
   * @throws IllegalArgumentException for a call of an unknown function or an unbalanced bracket
   */
  public static Set<String> metricNames(String expr) {
    Set<String> names = new LinkedHashSet<>();
    int i = 0;
    int n = expr.length();
    while (i < n) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(expr, i);
      } else if (c == '{') {
        i = skipTo(expr, i, '}');
      } else if (c == '[') {
        i = skipTo(expr, i, ']');
      } else if (c == '#') {
        int eol = expr.indexOf('\n', i);
        i = eol < 0 ? n : eol;
      } else if (c == '$') {
        i = identifierEnd(expr, i + 1);
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && isDigit(expr, i + 1))) {
        // Numbers, hex and durations (1e3, 0x1f, 5m): a run of word characters and dots.
        while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.')) {
          i++;
        }
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int end = identifierEnd(expr, i);
        String word = expr.substring(i, end);
        int next = skipSpace(expr, end);
        boolean call = next < n && expr.charAt(next) == '(';
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        if (GROUPING.contains(lower)) {
          i = next < n && expr.charAt(next) == '(' ? skipTo(expr, next, ')') : end;
        } else if (AGGREGATIONS.contains(lower) || KEYWORDS.contains(lower)) {
          i = end;
        } else if (call && FUNCTIONS.contains(word)) {
          i = end;
        } else if (call) {
          throw new IllegalArgumentException(
              "unknown function " + word + " at " + i + " in: " + expr);
        } else {
          names.add(word);
          i = end;
        }
      } else {
        i++;
      }
    }
    return names;
  }

  private static boolean isDigit(String s, int i) {
    return Character.isDigit(s.charAt(i));
  }

  private static int identifierEnd(String s, int i) {
    while (i < s.length()
        && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == ':')) {
      i++;
    }
    return i;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipString(String s, int start) {
    char quote = s.charAt(start);
    for (int i = start + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && quote != '`') {
        i++;
      } else if (c == quote) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("unterminated string at " + start + " in: " + s);
  }

  /** The index after the {@code close} that ends the bracket at {@code start}, strings skipped. */
  private static int skipTo(String s, int start, char close) {
    for (int i = start + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(s, i) - 1;
      } else if (c == close) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no " + close + " after " + start + " in: " + s);
  }
}
