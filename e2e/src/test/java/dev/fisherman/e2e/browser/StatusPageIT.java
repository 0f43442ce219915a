package dev.fisherman.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisherman.e2e.harness.DaemonProcess;
import dev.fisherman.e2e.harness.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The status page of a running packaged daemon, as a person sees it in a real browser: {@code
 * fisherman localnet} with the localnet genesis from the jar (sad: a servicer is down, one is
 * flaky) and with its healthy servicers only (happy).
 */
class StatusPageIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the screenshots go, relative to the e2e module. */
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  /** Also write the sad localnet's screenshot here (what {@code make screenshot} sets). */
  static final String DOCS_SCREENSHOT = "status.screenshot";

  /** Verdicts need min_samples (5) probes at about one a second, on a busy machine too. */
  private static final Duration JUDGED = Duration.ofSeconds(40);

  private static Chromium chromium;

  @BeforeAll
  static void start() throws IOException {
    chromium = Chromium.launch(Chromium.require(), Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void sadLocalnet_showsTheDownServicerAsUnavailable() throws IOException {
    String docs = System.getProperty(DOCS_SCREENSHOT, "");
    // For the docs, the localnet exactly as make run starts it (its fixed servicer ports).
    boolean asMakeRun = !docs.isBlank();
    try (Localnet net =
        Localnet.start(Set.of("healthy-fast", "healthy-slow", "flaky", "down"), asMakeRun)) {
      net.awaitVerdicts(Map.of("down", "no", "healthy-fast", "yes", "healthy-slow", "yes"));
      Page page = chromium.open(net.admin().resolve("/"));

      assertThat(page.text())
          .contains("fisherman status", "Service eth", "healthy-fast", "healthy-slow", "flaky")
          .contains("readiness: ready");
      assertThat(rowText(page, "down")).contains("available: no");
      assertThat(rowText(page, "healthy-fast")).contains("available: yes", "latency: low");
      assertThat(rowText(page, "healthy-slow")).contains("available: yes", "latency: high");
      assertLooksRight(page);

      byte[] png = page.screenshot();
      write(SCREENSHOTS.resolve("status-sad.png"), png);
      if (asMakeRun) {
        write(Path.of(docs), png);
      }
      assertPhoneWidth(page, "status-sad-phone.png");
    }
  }

  @Test
  void happyLocalnet_showsEveryServicerAvailable() throws IOException {
    try (Localnet net = Localnet.start(Set.of("healthy-fast", "healthy-slow"), false)) {
      net.awaitVerdicts(Map.of("healthy-fast", "yes", "healthy-slow", "yes"));
      Page page = chromium.open(net.admin().resolve("/status"));

      assertThat(page.text())
          .contains("healthy-fast", "healthy-slow", "readiness: ready")
          .doesNotContain("available: no", "flaky", "down");
      assertThat(rowText(page, "healthy-fast")).contains("available: yes");
      assertThat(rowText(page, "healthy-slow")).contains("available: yes");
      assertLooksRight(page);
      write(SCREENSHOTS.resolve("status-happy.png"), page.screenshot());
    }
  }

  /** The text of the servicer table row headed by {@code address}. */
  private static String rowText(Page page, String address) {
    JsonNode text =
        page.evaluate(
            "Array.from(document.querySelectorAll('table.servicers tbody tr'))"
                + ".filter(r => r.querySelector('th .name').textContent === "
                + JSON.valueToTree(address)
                + ").map(r => r.innerText).join('\\n')");
    assertThat(text.asText()).as("row of %s", address).isNotEmpty();
    return text.asText();
  }

  /** The nonced style and script ran under the page's policy, and nothing went wrong. */
  private static void assertLooksRight(Page page) {
    assertThat(page.evaluate("document.getElementById('refresh-label').hidden").asBoolean())
        .as("the refresh script ran")
        .isFalse();
    assertThat(
            page.evaluate("getComputedStyle(document.querySelector('.badge')).borderRadius")
                .asText())
        .as("the style sheet applies")
        .isNotEqualTo("0px");
    assertThat(page.evaluate("document.querySelectorAll('th[scope=col]').length").asInt())
        .isGreaterThanOrEqualTo(8);
    assertThat(page.evaluate("document.querySelectorAll('svg.spark').length").asInt())
        .isGreaterThan(0);
    assertThat(page.consoleErrors()).isEmpty();
  }

  private static void assertPhoneWidth(Page page, String name) throws IOException {
    page.viewport(390, 844);
    assertThat(page.evaluate("document.documentElement.scrollWidth").asInt())
        .as("no sideways scrolling of the page at phone width")
        .isLessThanOrEqualTo(390);
    write(SCREENSHOTS.resolve(name), page.screenshot());
    assertThat(page.consoleErrors()).isEmpty();
  }

  private static void write(Path png, byte[] bytes) throws IOException {
    assertThat(new String(bytes, 1, 3, StandardCharsets.ISO_8859_1)).isEqualTo("PNG");
    Path parent = png.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.write(png, bytes);
  }

  /** {@code fisherman localnet} on free ports, with some of the localnet genesis' servicers. */
  private record Localnet(DaemonProcess daemon, Path dir) implements AutoCloseable {
    static Localnet start(Set<String> servicers, boolean fixedPorts) throws IOException {
      Path dir = Files.createTempDirectory("fisherman-status-");
      ObjectNode genesis = embeddedGenesis();
      List<JsonNode> kept = new ArrayList<>();
      for (JsonNode s : genesis.get("servicers")) {
        if (servicers.contains(s.get("address").asText())) {
          if (!fixedPorts) {
            // Free ports instead of the fixed 9101..9104, so parallel builds do not collide.
            ((ObjectNode) s).put("url", "http://127.0.0.1:" + DaemonProcess.freePort());
          }
          kept.add(s);
        }
      }
      assertThat(kept).hasSize(servicers.size());
      genesis.putArray("servicers").addAll(kept);
      Path file = dir.resolve("localnet.json");
      JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), genesis);
      int port = DaemonProcess.freePort();
      URI admin = URI.create("http://127.0.0.1:" + port);
      DaemonProcess daemon =
          DaemonProcess.exec(
              dir,
              admin,
              List.of("localnet", "--genesis", file.toString(), "--admin", "127.0.0.1:" + port));
      try {
        daemon.awaitReady();
      } catch (RuntimeException | AssertionError e) {
        daemon.close();
        throw new AssertionError("localnet did not become ready\n" + daemon.describe(), e);
      }
      return new Localnet(daemon, dir);
    }

    /** The localnet genesis the packaged daemon carries. */
    private static ObjectNode embeddedGenesis() throws IOException {
      try (FileSystem jar = FileSystems.newFileSystem(DaemonProcess.jar())) {
        return (ObjectNode)
            JSON.readTree(Files.readString(jar.getPath("/dev/fisherman/daemon/localnet.json")));
      }
    }

    URI admin() {
      return daemon.admin();
    }

    /** Waits until the newest session shows these availability verdicts. */
    void awaitVerdicts(Map<String, String> want) {
      Poll.until(
          "availability verdicts " + want,
          JUDGED,
          () -> {
            JsonNode sessions = daemon.client().get("/v1/sessions").json();
            if (sessions.isEmpty()) {
              return Optional.empty();
            }
            String id = sessions.get(0).get("session_id").asText();
            JsonNode session = daemon.client().get("/v1/sessions/" + id).json();
            Map<String, String> seen = new HashMap<>();
            for (JsonNode s : session.get("servicers")) {
              seen.put(s.get("address").asText(), s.get("verdicts").get("available").asText());
            }
            return seen.entrySet().containsAll(want.entrySet())
                ? Optional.of(seen)
                : Optional.empty();
          });
    }

    @Override
    public void close() {
      OptionalInt code = daemon.stop();
      assertThat(code).as("localnet exit code on SIGTERM\n%s", daemon.describe()).hasValue(0);
      // Kept for a look when the daemon did not stop cleanly.
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
