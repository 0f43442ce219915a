package dev.fisherman.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * Prints where the acceptance reports are and one line of scenarios passed, failed and skipped,
 * read from Cucumber's JUnit XML. Runs as a source file: {@code java ReportSummary.java DIR}.
 */
public final class ReportSummary {

  private ReportSummary() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "e2e/target/reports");
    Path xml = dir.resolve("cucumber-junit.xml");
    if (!Files.exists(xml)) {
      System.out.println("acceptance: no report in " + dir + " (the features did not run)");
      return;
    }
    Element suite =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(xml.toFile())
            .getDocumentElement();
    int tests = count(suite, "tests");
    int skipped = count(suite, "skipped");
    int failed = count(suite, "failures") + count(suite, "errors");
    System.out.println(
        "acceptance reports: "
            + dir.resolve("cucumber.html")
            + " (HTML), "
            + dir.resolve("cucumber.json")
            + " (JSON), "
            + xml
            + " (JUnit XML)");
    System.out.printf(
        "acceptance: %d passed, %d failed, %d skipped%n",
        tests - failed - skipped, failed, skipped);
  }

  private static int count(Element suite, String attribute) {
    String value = suite.getAttribute(attribute);
    return value.isEmpty() ? 0 : Integer.parseInt(value);
  }
}
