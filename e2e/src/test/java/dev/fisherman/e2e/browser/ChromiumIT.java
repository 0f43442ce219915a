package dev.fisherman.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The browser harness against a tiny page with a known text, a script and deliberate errors. */
class ChromiumIT {
  private static final String PAGE =
      "<!doctype html><html lang=en><head><meta charset=utf-8><title>harness</title></head>"
          + "<body><h1>fisherman harness</h1><p id=late>static</p>"
          + "<script>document.getElementById('late').textContent = 'written by script';"
          + "console.log('not an error');"
          + "console.error('deliberate failure', 42);"
          + "setTimeout(() => { throw new Error('thrown on purpose'); }, 0);</script>"
          + "</body></html>";
  private static final String CLEAN =
      "<!doctype html><html lang=en><head><meta charset=utf-8><title>clean</title>"
          + "<link rel=icon href=data:,></head><body><p>all quiet</p></body></html>";

  private static HttpServer server;
  private static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    Path executable = Chromium.require();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serve("/", PAGE);
    serve("/clean", CLEAN);
    server.start();
    chromium = Chromium.launch(executable, Duration.ofSeconds(30));
  }

  private static void serve(String path, String html) {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        path,
        exchange -> {
          if (!exchange.getRequestURI().getPath().equals(path)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  private static URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void open_pageWithScriptAndErrors_readsTheTextAPersonSeesAndEveryError() {
    Page page = chromium.open(url("/"));
    assertThat(page.text())
        .contains("fisherman harness", "written by script")
        .doesNotContain("static");
    // The exception is thrown from a timer after load: wait for it through the page itself.
    page.evaluate("new Promise(r => setTimeout(r, 50))");
    assertThat(page.consoleErrors())
        .contains("console.error: deliberate failure 42")
        .anySatisfy(e -> assertThat(e).startsWith("uncaught: Error: thrown on purpose"))
        .noneSatisfy(e -> assertThat(e).contains("not an error"));
  }

  @Test
  void open_cleanPage_noConsoleErrors() {
    Page page = chromium.open(url("/clean"));
    assertThat(page.text()).isEqualTo("all quiet");
    assertThat(page.consoleErrors()).isEmpty();
  }

  @Test
  void screenshot_writesAPng() throws Exception {
    Path png = Path.of("target", "screenshots", "chromium-harness.png");
    Files.createDirectories(png.getParent());
    chromium.screenshot(url("/"), png);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes).hasSizeGreaterThan(1000);
    assertThat(new String(bytes, 1, 3, StandardCharsets.ISO_8859_1)).isEqualTo("PNG");
  }

  @Test
  void dumpDom_containsWhatTheScriptsWrote() {
    assertThat(chromium.dumpDom(url("/")))
        .contains("<h1>fisherman harness</h1>", "<p id=\"late\">written by script</p>");
  }

  @Test
  void open_missingPage_failsWithTheBrowsersReason() {
    assertThatThrownBy(() -> chromium.open(url("/nope")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/nope: net::ERR_HTTP_RESPONSE_CODE_FAILURE");
  }
}
