package dev.fisherman.e2e.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One tab of a {@link Chromium}: what it shows and what went wrong in its console. */
public final class Page {
  private final Chromium browser;
  private final String session;
  private final List<String> errors = new ArrayList<>();
  private CompletableFuture<Void> load = new CompletableFuture<>();

  Page(Chromium browser, String session) {
    this.browser = browser;
    this.session = session;
  }

  synchronized CompletableFuture<Void> nextLoad() {
    load = new CompletableFuture<>();
    return load;
  }

  void event(String method, JsonNode params) {
    switch (method) {
      case "Page.loadEventFired" -> {
        synchronized (this) {
          load.complete(null);
        }
      }
      case "Runtime.consoleAPICalled" -> {
        String type = params.get("type").asText();
        if (type.equals("error") || type.equals("assert")) {
          StringBuilder text = new StringBuilder("console." + type + ":");
          for (JsonNode arg : params.get("args")) {
            text.append(' ')
                .append(
                    arg.has("value")
                        ? arg.get("value").asText()
                        : arg.path("description").asText());
          }
          add(text.toString());
        }
      }
      case "Runtime.exceptionThrown" -> {
        JsonNode details = params.get("exceptionDetails");
        JsonNode exception = details.get("exception");
        add(
            "uncaught: "
                + (exception != null && exception.has("description")
                    ? exception.get("description").asText().lines().findFirst().orElse("")
                    : details.get("text").asText()));
      }
      case "Log.entryAdded" -> {
        JsonNode entry = params.get("entry");
        if (entry.get("level").asText().equals("error")) {
          add("log: " + entry.get("text").asText() + " " + entry.path("url").asText(""));
        }
      }
      default -> {
        // Other events are not needed.
      }
    }
  }

  private synchronized void add(String error) {
    errors.add(error);
  }

  /** Console errors, failed assertions, uncaught exceptions and error log entries, in order. */
  public synchronized List<String> consoleErrors() {
    return List.copyOf(errors);
  }

  /** Evaluates {@code expression} in the page and returns its value as JSON. */
  public JsonNode evaluate(String expression) {
    ObjectNode params = Chromium.obj("expression", expression);
    params.put("returnByValue", true);
    params.put("awaitPromise", true);
    JsonNode result = browser.call(session, "Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException(
          "evaluate " + expression + ": " + result.get("exceptionDetails").get("text").asText());
    }
    return result.get("result").path("value");
  }

  /** The text a person sees ({@code document.body.innerText}). */
  public String text() {
    return evaluate("document.body.innerText").asText();
  }

  /** The serialised DOM after the scripts ran. */
  public String dom() {
    return evaluate("document.documentElement.outerHTML").asText();
  }

  /** A PNG of the whole page. */
  public byte[] screenshot() {
    ObjectNode params = Chromium.obj("format", "png");
    params.put("captureBeyondViewport", true);
    return Chromium.png(browser.call(session, "Page.captureScreenshot", params));
  }
}
