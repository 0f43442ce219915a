package dev.fisherman.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoggingTest {
  @Test
  void configure_json_writesOneJsonObjectPerLineToStandardError() throws Exception {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      Logging.configure(LogFormat.JSON, ch.qos.logback.classic.Level.INFO);
      org.slf4j.LoggerFactory.getLogger("dev.fisherman.test").info("shutdown: planned={}", 3);
      org.slf4j.LoggerFactory.getLogger("dev.fisherman.test").debug("not shown");
    } finally {
      Logging.configure(LogFormat.TEXT, ch.qos.logback.classic.Level.INFO);
      System.setErr(saved);
    }
    List<String> lines =
        captured.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(1);
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(0));
    assertThat(json.get("level").asText()).isEqualTo("INFO");
    assertThat(json.get("loggerName").asText()).isEqualTo("dev.fisherman.test");
    assertThat(json.get("formattedMessage").asText()).isEqualTo("shutdown: planned=3");
    assertThat(json.has("timestamp")).isTrue();
  }

  @Test
  void shippedLogbackXml_configuresWithoutErrorsOrWarnings() throws Exception {
    URL xml = Logging.class.getResource("/logback.xml");
    assertThat(xml).isNotNull();
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(xml);
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .extracting(Status::getMessage)
        .allSatisfy(m -> assertThat(m).doesNotContain("ERROR", "XML_PARSING"));
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .allSatisfy(s -> assertThat(s.getLevel()).isLessThan(Status.WARN));
    assertThat(context.getLogger("io.netty").getLevel().toString()).isEqualTo("WARN");
    context.stop();
  }
}
