package dev.fisherman.testkit;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;

/** Keeps every leak report Netty's leak detector logs, for {@link NoLeaks} to fail on. */
public final class LeakRecorder extends AppenderBase<ILoggingEvent> {
  private static final List<String> REPORTS = new ArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    synchronized (REPORTS) {
      REPORTS.add(event.getFormattedMessage());
    }
  }

  /** The reports logged since the last call, which clears them. */
  public static List<String> drain() {
    synchronized (REPORTS) {
      List<String> out = new ArrayList<>(REPORTS);
      REPORTS.clear();
      return out;
    }
  }
}
