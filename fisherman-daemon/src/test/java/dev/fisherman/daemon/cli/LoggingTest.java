package dev.fisherman.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import org.junit.jupiter.api.Test;

class LoggingTest {
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
