package dev.fisherman.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisherman.e2e.browser.Chromium;
import dev.fisherman.e2e.browser.Page;
import dev.fisherman.e2e.harness.DaemonProcess;
import dev.fisherman.testkit.Poll;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status page of a packaged {@code fisherman localnet} (the localnet genesis of the jar, with
 * some of its servicers) in headless Chromium: what a person sees, console errors, screenshots.
 */
public final class StatusPageSteps {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the screenshots go, relative to the e2e module. */
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  /**
   * When set, the localnet runs on the servicer ports {@code make run} uses and the first
   * screenshot saved is also written to this path ({@code make screenshot}).
   */
  static final String DOCS_SCREENSHOT = "status.screenshot";

  /** Verdicts need min_samples (5) probes at about one a second, on a busy machine too. */
  private static final Duration JUDGED = Duration.ofSeconds(40);

  private final World world;
  private Chromium chromium;
  private Page page;
  private boolean docsWritten;

  public StatusPageSteps(World world) {
    this.world = world;
  }

  @Given("the localnet with the servicers {string}")
  public void localnet(String names) throws IOException {
    List<String> wanted = Arrays.stream(names.split(",\\s*")).toList();
    boolean asMakeRun = !System.getProperty(DOCS_SCREENSHOT, "").isBlank();
    world.dir = Files.createTempDirectory("fisherman-status-");
    // Ports are picked free, and another process may take one before the localnet binds it:
    // then the localnet exits saying so, and it is started again on other ports.
    for (int attempt = 1; ; attempt++) {
      world.process = startLocalnet(wanted, asMakeRun);
      try {
        world.process.awaitReady();
        return;
      } catch (AssertionError e) {
        if (asMakeRun || attempt == 3 || !world.process.exitedOnATakenPort()) {
          throw e;
        }
        world.process.close();
      }
    }
  }

  private DaemonProcess startLocalnet(List<String> wanted, boolean asMakeRun) throws IOException {
    ObjectNode genesis = embeddedGenesis();
    List<JsonNode> kept = new ArrayList<>();
    for (JsonNode s : genesis.get("servicers")) {
      if (wanted.contains(s.get("address").asText())) {
        if (!asMakeRun) {
          // Free ports instead of the fixed 9101..9104, so parallel builds do not collide.
          ((ObjectNode) s).put("url", "http://127.0.0.1:" + DaemonProcess.freePort());
        }
        kept.add(s);
      }
    }
    assertThat(kept).as("servicers %s in the localnet genesis", wanted).hasSize(wanted.size());
    genesis.putArray("servicers").addAll(kept);
    Path file = world.dir.resolve("localnet.json");
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), genesis);
    int port = DaemonProcess.freePort();
    return DaemonProcess.exec(
        world.dir,
        URI.create("http://127.0.0.1:" + port),
        List.of("localnet", "--genesis", file.toString(), "--admin", "127.0.0.1:" + port));
  }

  /** The localnet genesis the packaged daemon carries. */
  private static ObjectNode embeddedGenesis() throws IOException {
    try (FileSystem jar = FileSystems.newFileSystem(DaemonProcess.jar())) {
      return (ObjectNode)
          JSON.readTree(Files.readString(jar.getPath("/dev/fisherman/daemon/localnet.json")));
    }
  }

  @When("the localnet's newest session has the availability verdicts:")
  public void awaitVerdicts(DataTable verdicts) {
    Map<String, String> want = new HashMap<>();
    verdicts.asMap(String.class, String.class).forEach((k, v) -> want.put(supplier(k), v));
    Poll.until(
        "availability verdicts " + want,
        JUDGED,
        () -> {
          JsonNode sessions = world.process.client().get("/v1/sessions").json();
          if (sessions.isEmpty()) {
            return Optional.empty();
          }
          String id = sessions.get(0).get("session_id").asText();
          JsonNode session = world.process.client().get("/v1/sessions/" + id).json();
          Map<String, String> seen = new HashMap<>();
          for (JsonNode s : session.get("servicers")) {
            seen.put(s.get("address").asText(), s.get("verdicts").get("available").asText());
          }
          return seen.entrySet().containsAll(want.entrySet())
              ? Optional.of(seen)
              : Optional.empty();
        });
  }

  @When("the localnet's servicer {string} has reputation state {word}")
  public void awaitReputation(String servicer, String state) {
    String address = supplier(servicer);
    Poll.until(
        "reputation state " + state + " of " + address,
        JUDGED,
        () -> {
          JsonNode body = world.process.client().get("/v1/servicers/" + address).json();
          JsonNode reputation = body.path("reputation");
          return reputation.path("state").asText().equals(state)
              ? Optional.of(reputation)
              : Optional.empty();
        });
  }

  @When("the status page {string} is opened in a browser")
  public void open(String path) throws IOException {
    chromium = Chromium.launch(Chromium.require(), Duration.ofSeconds(30));
    page = chromium.open(world.process.admin().resolve(path));
  }

  @Then("the page shows servicer {string} with {string}")
  public void showsServicer(String servicer, String text) {
    String address = supplier(servicer);
    assertThat(page.text()).contains(address);
    assertThat(rowText(address)).as("the row of %s", address).contains(text);
  }

  @Then("the page does not show {string}")
  public void doesNotShow(String text) {
    assertThat(page.text()).doesNotContain(text);
  }

  @Then("the page ran its own style and script and logged no console errors")
  public void looksRight() {
    assertThat(page.text()).contains("fisherman status", "readiness: ready");
    assertThat(page.evaluate("document.getElementById('refresh-label').hidden").asBoolean())
        .as("the nonced refresh script ran (it shows the refresh checkbox)")
        .isFalse();
    assertThat(
            page.evaluate("getComputedStyle(document.querySelector('.badge')).borderRadius")
                .asText())
        .as("the nonced style sheet applies")
        .isNotEqualTo("0px");
    assertThat(page.evaluate("document.querySelectorAll('th[scope=col]').length").asInt())
        .as("column headers")
        .isGreaterThanOrEqualTo(8);
    assertThat(page.evaluate("document.querySelectorAll('svg.spark').length").asInt())
        .as("sparklines")
        .isGreaterThan(0);
    assertThat(page.consoleErrors()).isEmpty();
  }

  @Then("the page fits a phone {int} pixels wide without sideways scrolling")
  public void phoneWidth(int width) {
    page.viewport(width, 844);
    assertThat(page.evaluate("document.documentElement.scrollWidth").asInt())
        .as("width of the page laid out %d pixels wide", width)
        .isLessThanOrEqualTo(width);
    assertThat(page.consoleErrors()).isEmpty();
  }

  @Then("the page's screenshot is saved as {string}")
  public void screenshot(String name) throws IOException {
    byte[] png = page.screenshot();
    assertThat(new String(png, 1, 3, StandardCharsets.ISO_8859_1)).isEqualTo("PNG");
    write(SCREENSHOTS.resolve(name), png);
    String docs = System.getProperty(DOCS_SCREENSHOT, "");
    if (!docs.isBlank() && !docsWritten) {
      write(Path.of(docs), png);
      docsWritten = true;
    }
  }

  private static void write(Path png, byte[] bytes) throws IOException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, bytes);
  }

  /**
   * The address a localnet servicer has in its sessions: the localnet's simulated node lists each
   * genesis servicer as the supplier operator whose well-known key is that servicer's, as {@code
   * make run} shows.
   */
  private static String supplier(String servicer) {
    return dev.fisherman.daemon.sim.miner.LocalnetKeys.supplier(servicer).address().value();
  }

  /** The text of the servicer table's row headed by {@code address}. */
  private String rowText(String address) {
    return page.evaluate(
            "Array.from(document.querySelectorAll('table.servicers tbody tr'))"
                + ".filter(r => r.querySelector('th .name').textContent === "
                + JSON.valueToTree(address)
                + ").map(r => r.innerText).join('\\n')")
        .asText();
  }

  /** Before the scenario's daemon stops (World's hook, order 10): the browser goes first. */
  @After(order = 20)
  public void closeBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }
}
