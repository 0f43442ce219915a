package dev.fisherman.daemon.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what one logger writes, for assertions on log lines. */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Level savedLevel;

  /** Captures INFO and above, whatever level an earlier test left logging at. */
  public LogCapture(Class<?> type) {
    this.logger = (Logger) LoggerFactory.getLogger(type);
    this.savedLevel = logger.getLevel();
    logger.setLevel(Level.INFO);
    appender.start();
    logger.addAppender(appender);
  }

  /** The formatted messages so far. */
  public List<String> messages() {
    // The logging thread appends under the appender's lock (AppenderBase.doAppend is
    // synchronized); reading under the same lock keeps a copy from racing a write.
    synchronized (appender) {
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(savedLevel);
  }
}
