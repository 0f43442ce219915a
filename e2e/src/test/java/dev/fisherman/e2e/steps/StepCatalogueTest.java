package dev.fisherman.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the step catalogue in docs/testing.md in step with the step definitions: the catalogue is
 * generated from their annotations, and this test fails when the document says otherwise.
 */
class StepCatalogueTest {

  static final String BEGIN =
      "<!-- step catalogue: generated from e2e/src/test/java/dev/fisherman/e2e/steps; do not edit -->";
  static final String END = "<!-- end of step catalogue -->";

  static final String REGENERATE =
      "./mvnw -B -ntp -pl e2e test -Dtest=StepCatalogueTest -Dcatalogue.write=true";

  /** The step classes in the order the catalogue lists them, with a heading each. */
  private static final List<Section> SECTIONS =
      List.of(
          new Section("Servicers", ServicerSteps.class),
          new Section("Sessions", SessionSteps.class),
          new Section("Verdicts and outcomes", VerdictSteps.class),
          new Section("The admin API: webhook, reports, metrics", AdminSteps.class),
          new Section("Daemons of a scenario's own", DaemonSteps.class),
          new Section("The image as a node sidecar (@container)", ContainerSteps.class),
          new Section("Shannon: probing as a gateway", ShannonSteps.class),
          new Section("The status page in a browser", StatusPageSteps.class),
          new Section("Checks on real EVM nodes", CheckSteps.class),
          new Section("Network faults: the daemon in a network namespace", NetworkSteps.class));

  private record Section(String title, Class<?> steps) {}

  private static final Path DOC = Path.of("..", "docs", "testing.md");

  @Test
  void catalogue_inDocsTestingMd_matchesTheStepDefinitions() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertThat(begin).as("%s in %s", BEGIN, DOC).isNotNegative();
    assertThat(end).as("%s in %s", END, DOC).isGreaterThan(begin);
    String documented = doc.substring(begin + BEGIN.length(), end);
    String generated = "\n" + catalogue();
    if (Boolean.getBoolean("catalogue.write")) {
      Files.writeString(
          DOC,
          doc.substring(0, begin + BEGIN.length()) + generated + doc.substring(end),
          StandardCharsets.UTF_8);
      documented = generated;
    }
    if (!documented.equals(generated)) {
      List<String> documentedLines = documented.lines().toList();
      List<String> code = generated.lines().toList();
      StringBuilder diff = new StringBuilder();
      documentedLines.stream()
          .filter(l -> !code.contains(l))
          .forEach(l -> diff.append("- ").append(l).append('\n'));
      code.stream()
          .filter(l -> !documentedLines.contains(l))
          .forEach(l -> diff.append("+ ").append(l).append('\n'));
      fail(
          "the step catalogue in docs/testing.md is out of date with the step definitions"
              + " (- only in the document, + only in the code; an empty list means the order"
              + " differs):\n"
              + diff
              + "regenerate it with: "
              + REGENERATE);
    }
  }

  @Test
  void catalogue_listsEveryStepDefinition() {
    long steps =
        SECTIONS.stream()
            .flatMap(s -> Arrays.stream(s.steps().getDeclaredMethods()))
            .filter(m -> !expressions(m).isEmpty())
            .count();
    long documented =
        catalogue().lines().filter(l -> l.matches("\\| (Given|When|Then) \\|.*")).count();
    assertThat(documented).as("steps in the catalogue").isEqualTo(steps).isGreaterThan(40);
  }

  /** The catalogue as Markdown: one table per step class, then the parameter types. */
  static String catalogue() {
    StringBuilder md = new StringBuilder();
    for (Section section : SECTIONS) {
      md.append("\n#### ").append(section.title()).append("\n\n");
      md.append("| keyword | step |\n|---|---|\n");
      List<String[]> rows = new ArrayList<>();
      for (Method m : section.steps().getDeclaredMethods()) {
        for (String[] row : expressions(m)) {
          rows.add(row);
        }
      }
      rows.sort(Comparator.<String[], Integer>comparing(r -> order(r[0])).thenComparing(r -> r[1]));
      for (String[] row : rows) {
        md.append("| ")
            .append(row[0])
            .append(" | `")
            .append(row[1].replace("|", "\\|"))
            .append("` |\n");
      }
    }
    md.append("\n#### Parameters\n\n| parameter | matches |\n|---|---|\n");
    md.append("| `{string}` | text in double quotes: a servicer's or a session's name |\n");
    md.append("| `{int}`, `{double}` | a number |\n");
    md.append(
        "| `{word}` | one word: a verdict (`yes`, `no`, `low`, `high`, `unknown`), an outcome class, a duration such as `6s` |\n");
    List<Method> types =
        Arrays.stream(Hooks.class.getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(ParameterType.class))
            .sorted(Comparator.comparing(m -> m.getAnnotation(ParameterType.class).name()))
            .toList();
    for (Method m : types) {
      ParameterType type = m.getAnnotation(ParameterType.class);
      md.append("| `{")
          .append(type.name())
          .append("}` | ")
          .append(
              type.name().equals("outcomes")
                  ? "outcome classes joined by `, ` or ` or `, e.g. `ok, timeout_response or"
                      + " cancelled`"
                  : Arrays.stream(type.value().split("\\|(?![^()]*\\))"))
                      .map(p -> "`" + readable(p) + "`")
                      .reduce((a, b) -> a + "<br>" + b)
                      .orElseThrow())
          .append(" |\n");
    }
    md.append(
        "\nIn the phrases, `N` is a number, `[…]` may be left out, `a / b` is one of the two, and"
            + " `WORD` after `fails every request with` is one of `http_status` (optionally"
            + " followed by the status, e.g. `http_status 500`), `rpc_error`, `garbage`,"
            + " `huge_body`, `reset`, `close`, `hang`.\n");
    return md.toString();
  }

  /** A parameter type's regular expression as a reader would write the phrase. */
  static String readable(String regex) {
    String text = regex.replace("\\d{3}", "N").replace("\\d+", "N").replace("[a-z_]+", "WORD");
    String before;
    do {
      before = text;
      text = text.replaceAll("\\(\\?:([^()]*)\\)\\?", "[$1]");
      text = text.replaceAll("\\(\\?:([^()]*)\\)", "($1)");
    } while (!text.equals(before));
    text = text.replaceAll("(\\w)s\\?", "$1(s)");
    text = text.replaceAll("\\(([^()|]*)\\|([^()]*)\\)", "$1 / $2").replace("|", " / ");
    return text;
  }

  private static List<String[]> expressions(Method m) {
    List<String[]> found = new ArrayList<>();
    if (m.isAnnotationPresent(Given.class)) {
      found.add(new String[] {"Given", m.getAnnotation(Given.class).value()});
    }
    if (m.isAnnotationPresent(When.class)) {
      found.add(new String[] {"When", m.getAnnotation(When.class).value()});
    }
    if (m.isAnnotationPresent(Then.class)) {
      found.add(new String[] {"Then", m.getAnnotation(Then.class).value()});
    }
    return found;
  }

  private static int order(String keyword) {
    return switch (keyword) {
      case "Given" -> 0;
      case "When" -> 1;
      default -> 2;
    };
  }
}
